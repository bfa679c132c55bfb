// Stikprøver: the secretariat draws a sample audit with a stated seed, reads each sampled pathway's evidence, records
// findings (a note is required unless met), closes the audit; a closed audit is read-only; no access for other roles.
import { expectDialogAccessible, gql, signIn } from './board-api';
import { expect, expectAccessible, test } from './fixtures';
import { choose, fillDate, shot } from './ui';

const SECRETARIAT = 'secretariat@demo.dk';
const SEED = 424242;
const LAST_YEAR = new Date().getFullYear() - 1;

interface Sampled {
  regionCode: number;
  finding: string | null;
  note: string | null;
  pathway: { reference: string; offers: { status: string }[] };
}
const AUDIT = `query($id: ID!) { sampleAudit(id: $id) { status seed population conclusion
  findings { met notMet unclear notAssessed } strata { regionCode sampled }
  sample { regionCode finding note pathway { reference offers { status } } } } }`;
const START = `mutation($i: StartSampleAuditInput!) { startSampleAudit(input: $i) { id sample { pathway { reference } } } }`;

test.describe.serial('sample audits (Stikprøver)', () => {
  test.describe.configure({ timeout: 300_000 });
  let auditId: string;

  test('secretariat draws a sample with a stated seed, assesses every pathway, closes it; then it is read-only', async ({
    page,
    request,
  }) => {
    await signIn(page, SECRETARIAT);
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Stikprøver' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Stikprøver' })).toBeVisible();
    // The demo has one closed audit of last year.
    await expect(page.getByTestId('sample-audits').locator('tbody tr').first()).toBeVisible();
    const seedField = page.getByRole('textbox', { name: 'Startværdi (seed)' });
    expect(Number(await seedField.inputValue()), 'a random seed is proposed').toBeGreaterThanOrEqual(0);
    await expectAccessible(page, 'Stikprøver: list and start form');

    // The API's refusals in Danish, next to the field: a period that ends before it starts, then an empty population.
    await choose(page, 'Kræftområde', 'Lungekræft');
    await choose(page, 'Kriterium', 'Afslået tilbud');
    await fillDate(page, 'Periode fra', `${LAST_YEAR}-06-01`);
    await fillDate(page, 'Periode til (inkl.)', `${LAST_YEAR}-05-01`);
    await page.getByRole('button', { name: 'Træk stikprøve' }).click();
    const to = page.getByRole('textbox', { name: 'Periode til (inkl.)' });
    await expect(to).toHaveAttribute('aria-invalid', 'true');
    await expect(to).toHaveAccessibleDescription(/Perioden slutter, før den begynder/);
    await fillDate(page, 'Periode fra', '2019-01-01');
    await fillDate(page, 'Periode til (inkl.)', '2019-12-31');
    await page.getByRole('button', { name: 'Træk stikprøve' }).click();
    const criterion = page.getByRole('combobox', { name: 'Kriterium' });
    await expect(criterion).toHaveAttribute('aria-invalid', 'true');
    await expect(criterion).toHaveAccessibleDescription(/Ingen forløb i kræftområdet og perioden opfylder kriteriet/);
    await shot(page, 'sample-audits-error');

    // Last year, one pathway per region, the stated seed.
    await fillDate(page, 'Periode fra', `${LAST_YEAR}-01-01`);
    await fillDate(page, 'Periode til (inkl.)', `${LAST_YEAR}-12-31`);
    await page.getByRole('textbox', { name: 'Forløb pr. region' }).fill('1');
    await seedField.fill(String(SEED));
    await expect(page.getByRole('textbox', { name: 'Titel' })).toHaveValue(
      `Lungekræft: afslået tilbud, 1. jan. ${LAST_YEAR} – 31. dec. ${LAST_YEAR}`,
    );
    await page.getByRole('button', { name: 'Træk stikprøve' }).click();
    await expect(page).toHaveURL(/\/stikproever\/[0-9a-f-]{36}$/);
    auditId = page.url().split('/').pop()!;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Lungekræft: afslået tilbud/);
    await expect(page.getByTestId('seed')).toHaveText(String(SEED));

    // What the screen shows per region is the API's sample; the same seed draws the same pathways again.
    const { sampleAudit: drawn } = await gql<{
      sampleAudit: { seed: number; strata: { regionCode: number; sampled: number }[]; sample: Sampled[] };
    }>(request, SECRETARIAT, AUDIT, { id: auditId });
    expect(drawn.seed).toBe(SEED);
    expect(drawn.strata.length, 'every region with a declined offer is a stratum').toBeGreaterThanOrEqual(4);
    const sample = drawn.sample;
    expect(sample).toHaveLength(drawn.strata.length);
    for (const s of sample) {
      await expect(
        page.locator(`section[data-region="${s.regionCode}"] [data-pathway="${s.pathway.reference}"]`),
      ).toHaveCount(1);
      expect(s.pathway.offers.map((o) => o.status)).toContain('DECLINED');
    }
    const { startSampleAudit: again } = await gql<{ startSampleAudit: { sample: Sampled[] } }>(
      request,
      SECRETARIAT,
      START,
      {
        i: {
          title: 'Gentagelse med samme startværdi',
          cancerArea: 'LUNG',
          criterion: 'DECLINED_OFFER',
          from: `${LAST_YEAR}-01-01`,
          to: `${LAST_YEAR}-12-31`,
          perRegion: 1,
          seed: SEED,
        },
      },
    );
    expect(again.sample.map((s) => s.pathway.reference)).toEqual(sample.map((s) => s.pathway.reference));

    const progress = page.getByTestId('progress');
    await expect(progress).toContainText(`0 af ${sample.length} forløb vurderet`);
    const closeButton = page.getByRole('button', { name: 'Afslut stikprøve' });
    await expect(closeButton).toBeDisabled();
    await expect(page.getByTestId('close-rule')).toContainText(`Der mangler ${sample.length}.`);

    // The first pathway: its evidence trail (the declined offer with its reason, the audit trail).
    const [first, ...rest] = sample;
    const item = (ref: string) => page.locator(`[data-pathway="${ref}"]`);
    await page.getByRole('button', { name: new RegExp(`Forløb ${first.pathway.reference}`) }).click();
    const offers = item(first.pathway.reference).getByRole('table', {
      name: `Tilbud i forløb ${first.pathway.reference}`,
    });
    await expect(offers).toBeVisible();
    await expect(offers.getByRole('row').filter({ hasText: 'Afslået' }).first()).toBeVisible();
    await expect(
      item(first.pathway.reference).getByRole('table', { name: `Revisionsspor for forløb ${first.pathway.reference}` }),
    ).toContainText('Forløb registreret');
    await expect(item(first.pathway.reference).getByRole('heading', { name: 'Pauser' })).toBeVisible();
    await expect(item(first.pathway.reference).getByRole('heading', { name: 'Varsler' })).toBeVisible();
    // The rule is stated before submitting; the API refuses a "not met" finding without a note.
    const form = page.getByRole('form', { name: `Vurdering af forløb ${first.pathway.reference}` });
    await expect(form).toContainText('Skal udfyldes, når handlepligten ikke er opfyldt eller er uafklaret');
    await form.getByRole('radio', { name: 'Handlepligt ikke opfyldt' }).check();
    await form.getByRole('button', { name: 'Gem vurdering' }).click();
    const note = form.getByRole('textbox', { name: 'Note' });
    await expect(note).toHaveAttribute('aria-invalid', 'true');
    await expect(note).toHaveAccessibleDescription(/Skriv en note om, hvorfor handlepligten ikke er opfyldt/);
    await expect(form.getByRole('alert')).toHaveAttribute('data-code', 'BAD_USER_INPUT');
    await shot(page, 'sample-audit-note-required');
    await note.fill('Tilbud først efter fristen; ingen dokumentation for tidligere visitation');
    await form.getByRole('button', { name: 'Gem vurdering' }).click();
    await expect(item(first.pathway.reference).locator('[data-finding]').first()).toHaveText(
      'Handlepligt ikke opfyldt',
    );
    await expect(progress).toContainText(`1 af ${sample.length} forløb vurderet`);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 20_000 });
    await expectAccessible(page, 'sample audit with an open evidence trail');

    // The second one with the keyboard only: open it, pick "Uafklaret", write the note, save.
    const second = rest.shift()!;
    await page.getByRole('button', { name: new RegExp(`Forløb ${second.pathway.reference}`) }).focus();
    await page.keyboard.press('Enter');
    const form2 = page.getByRole('form', { name: `Vurdering af forløb ${second.pathway.reference}` });
    await form2.getByRole('radio', { name: 'Uafklaret' }).focus();
    await page.keyboard.press('Space');
    await expect(form2.getByRole('radio', { name: 'Uafklaret' })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(form2.getByRole('textbox', { name: 'Note' })).toBeFocused();
    await page.keyboard.type('Journalen viser ikke, om patienten fik tilbud andetsteds');
    await page.keyboard.press('Tab');
    await expect(form2.getByRole('button', { name: 'Gem vurdering' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item(second.pathway.reference).locator('[data-finding]').first()).toHaveText('Uafklaret');

    // The rest are met (no note needed).
    for (const s of rest) {
      await page.getByRole('button', { name: new RegExp(`Forløb ${s.pathway.reference}`) }).click();
      const f = page.getByRole('form', { name: `Vurdering af forløb ${s.pathway.reference}` });
      await f.getByRole('radio', { name: 'Handlepligt opfyldt' }).check();
      await f.getByRole('button', { name: 'Gem vurdering' }).click();
      await expect(item(s.pathway.reference).locator('[data-finding]').first()).toHaveText('Handlepligt opfyldt');
    }
    await expect(progress).toContainText(`${sample.length} af ${sample.length} forløb vurderet`);
    await expect(page.getByTestId('close-rule')).toContainText('Alle forløb er vurderet');

    // Close, after a confirmation.
    await page
      .getByRole('textbox', { name: 'Konklusion (valgfri)' })
      .fill('Afslag blev dokumenteret; ét forløb uden tilbud før fristen.');
    await closeButton.click();
    const dialog = page.getByRole('dialog', { name: 'Afslut stikprøven?' });
    await expect(dialog).toBeVisible();
    await expectDialogAccessible(page, 'close confirmation');
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    await expect(dialog).toBeHidden();
    await closeButton.click();
    await dialog.getByRole('button', { name: 'Afslut stikprøve' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 2, name: /^Afsluttet / })).toBeVisible();
    await expect(page.getByTestId('conclusion')).toHaveText(
      'Afslag blev dokumenteret; ét forløb uden tilbud før fristen.',
    );

    const { sampleAudit: closed } = await gql<{
      sampleAudit: { status: string; findings: Record<string, number>; sample: Sampled[] };
    }>(request, SECRETARIAT, AUDIT, { id: auditId });
    expect(closed.status).toBe('CLOSED');
    expect(closed.findings).toEqual({ met: sample.length - 2, notMet: 1, unclear: 1, notAssessed: 0 });
    expect(closed.sample.find((s) => s.pathway.reference === first.pathway.reference)?.note).toBe(
      'Tilbud først efter fristen; ingen dokumentation for tidligere visitation',
    );

    // Read-only, also after a reload: no forms, no close button; the findings and notes are shown.
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: /^Afsluttet / })).toBeVisible();
    await page.getByRole('button', { name: new RegExp(`Forløb ${first.pathway.reference}`) }).click();
    await expect(item(first.pathway.reference)).toContainText('Tilbud først efter fristen');
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Gem vurdering' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Afslut stikprøve' })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await shot(page, 'sample-audit-closed');
    await expectAccessible(page, 'closed sample audit');

    // The list shows it closed, with its seed and findings.
    await page.getByRole('link', { name: '← Alle stikprøver' }).click();
    const row = page.locator(`tr[data-audit="${auditId}"]`);
    await expect(row).toContainText('Afsluttet');
    await expect(row).toContainText(String(SEED));
    await expect(row.locator('td.num')).toHaveText([
      String(SEED),
      new RegExp(`^${sample.length} af \\d+$`),
      String(sample.length - 2),
      '1',
      '1',
      '0',
    ]);
    await shot(page, 'sample-audits');
  });

  for (const who of ['planner.hovedstaden@demo.dk', 'observer@demo.dk']) {
    test(`${who.split('@')[0]}: no menu entry, and "Ingen adgang" on the URL`, async ({ page }) => {
      await signIn(page, who);
      await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').first()).toBeVisible();
      await expect(
        page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Stikprøver' }),
      ).toHaveCount(0);
      for (const path of ['/stikproever', `/stikproever/${auditId}`]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingen adgang');
        await expect(page.getByTestId('sample-audits')).toHaveCount(0);
      }
      await expectAccessible(page, `no access (${who})`);
    });
  }
});
