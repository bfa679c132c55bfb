import { expectDialogAccessible, gql, PLANNER_OF, signIn, today } from './board-api';
import { expect, expectAccessible, test } from './fixtures';

const COLLAB = 'collab.breast@demo.dk';

interface Assignment {
  pathwayId: string;
  pathwayReference: string;
  pathwayRegionCode: number;
  slotId: string;
  meetsDeadline: boolean;
}

test.describe('meeting board', () => {
  test.describe.configure({ timeout: 240_000 });
  test('a BREAST meeting from start to end: proposal, offer made by a planner, decisions, printed minutes', async ({
    page,
    request,
  }) => {
    await signIn(page, COLLAB);
    // A collaboration user lands on the board of its own area.
    await expect(page).toHaveURL(/\/moede/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mødetavle' })).toBeVisible();
    await expect(
      page.getByTestId('agenda-regions').getByRole('rowheader', { name: 'Region Hovedstaden' }),
    ).toBeVisible();
    const proposal = page.getByTestId('proposal');
    await expect(proposal.locator('tbody tr').first()).toBeVisible();
    await expectAccessible(page, 'meeting board');

    // The same proposal the board shows, read from the API to know the proposed slot.
    const { meetingAgenda } = await gql<{ meetingAgenda: { proposal: { assignments: Assignment[] } } }>(
      request,
      COLLAB,
      `query($d: LocalDate!) { meetingAgenda(cancerArea: BREAST, date: $d) { proposal { assignments { pathwayId pathwayReference pathwayRegionCode slotId meetsDeadline } } } }`,
      { d: today() },
    );
    const assignments = meetingAgenda.proposal.assignments;
    expect(assignments.length).toBeGreaterThanOrEqual(2);
    for (const a of assignments)
      await expect(proposal.locator(`tr[data-reference="${a.pathwayReference}"]`)).toBeVisible();
    const offered = assignments.find((a) => a.meetsDeadline) ?? assignments[0];
    const other = assignments.find((a) => a.pathwayId !== offered.pathwayId)!;

    await page.getByRole('button', { name: 'Start møde' }).click();
    await expect(page.getByTestId('meeting-status')).toContainText('Møde startet');

    // A planner of the pathway's home region makes the proposed offer (in their own workspace).
    await gql(
      request,
      PLANNER_OF[offered.pathwayRegionCode],
      `mutation($p: ID!, $s: ID!) { createOffer(input: {pathwayId: $p, slotId: $s}) { id } }`,
      { p: offered.pathwayId, s: offered.slotId },
    );
    await page.getByRole('button', { name: 'Opdatér' }).click();
    const offeredRow = proposal.locator(`tr[data-reference="${offered.pathwayReference}"]`);
    await expect(offeredRow.getByTestId('offer-badge')).toHaveText('Tilbud givet som foreslået');
    await offeredRow.getByRole('button', { name: `Registrér tilbud for ${offered.pathwayReference}` }).click();
    await expect(offeredRow.getByTestId('decision-badge')).toHaveText('Tilbud givet');

    // No action for another pathway: a reason is required.
    await proposal.getByRole('button', { name: `Ingen handling for ${other.pathwayReference}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectDialogAccessible(page, 'decision dialog');
    await dialog.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect(dialog.getByText('Skriv en begrundelse.')).toBeVisible();
    await dialog.getByLabel('Begrundelse').fill('Patienten ønsker at vente på eget sygehus; planlagt inden fristen.');
    await dialog.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      proposal.locator(`tr[data-reference="${other.pathwayReference}"]`).getByTestId('decision-badge'),
    ).toHaveText('Ingen handling');

    // Escalate a systematic capacity problem once.
    await page.getByRole('button', { name: 'Eskalér kapacitetsproblem' }).click();
    await dialog.getByLabel('Begrundelse').fill('Mangel på operationskapacitet i Region Hovedstaden i december.');
    await dialog.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect(dialog).toBeHidden();

    // The minutes list the three decisions, also after a reload (the offered pathway has left the live proposal).
    const minutes = page.getByTestId('minutes');
    await expect(minutes.locator('tbody tr')).toHaveCount(3);
    await page.reload();
    await expect(minutes.locator('tbody tr')).toHaveCount(3);
    await expect(minutes.locator('tr[data-kind="OFFER_MADE"]')).toContainText(offered.pathwayReference);
    await expect(minutes.locator('tr[data-kind="NO_ACTION"]')).toContainText(other.pathwayReference);
    await expect(minutes.locator('tr[data-kind="NO_ACTION"]')).toContainText('eget sygehus');
    await expect(minutes.locator('tr[data-kind="ESCALATE"]')).toContainText('operationskapacitet');
    await expect(
      proposal.locator(`tr[data-reference="${offered.pathwayReference}"]`).getByTestId('decision-badge'),
    ).toHaveText('Tilbud givet');
    await expect(page.getByRole('button', { name: 'Udskriv referat' })).toBeEnabled();
    await expectAccessible(page, 'meeting board with decisions and minutes');

    // Printed: only the minutes, without menu, header, agenda or buttons; on A4.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Log ud' })).toBeHidden();
    await expect(page.getByTestId('agenda-regions')).toBeHidden();
    await expect(proposal).toBeHidden();
    await expect(page.getByRole('button', { name: 'Udskriv referat' })).toBeHidden();
    await expect(minutes.locator('tbody tr')).toHaveCount(3);
    await expect(minutes.locator('tbody tr').first()).toBeVisible();
    await expect(minutes.getByText(/3 beslutninger/)).toBeVisible();
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
  });

  test('presentation mode fits 1920×1080 with six regions and a long proposal, body text ≥ 24 px', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Worst case for the wall: six regions and more proposals than fit (the demo data has five regions on one date).
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName !== 'MeetingBoard') return route.continue();
      const res = await route.fetch();
      const json = await res.json();
      const agenda = json.data?.meetingAgenda;
      if (agenda) {
        while (agenda.regions.length < 6)
          agenda.regions.push({ ...agenda.regions[0], regionCode: 1086, regionName: 'Region Østdanmark' });
        const a = agenda.proposal.assignments;
        for (let i = 0; a.length && a.length < 14; i++)
          a.push({ ...a[i], pathwayId: `${a[i].pathwayId}-${i}`, pathwayReference: `${a[i].pathwayReference}-X${i}` });
      }
      await route.fulfill({ response: res, json });
    });
    await signIn(page, COLLAB);
    await expect(page).toHaveURL(/\/moede/);
    await page.goto(`/moede/praesentation?omraade=BREAST&dato=${today()}`);
    const pres = page.getByTestId('presentation');
    await expect(pres.getByTestId('agenda-regions').locator('tbody tr')).toHaveCount(6);
    await expect(pres.getByText(/forslag mere på mødetavlen/)).toBeVisible();
    const size = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      sh: document.documentElement.scrollHeight,
      bw: document.body.scrollWidth,
      bh: document.body.scrollHeight,
      inner: [...document.querySelectorAll('[data-testid="presentation"] *')].filter(
        (el) => el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible',
      ).length,
      smallest: Math.min(
        ...[
          ...document.querySelectorAll(
            '[data-testid="presentation"] td, [data-testid="presentation"] th, [data-testid="presentation"] p, [data-testid="presentation"] span, [data-testid="presentation"] caption',
          ),
        ]
          .filter((el) => (el.textContent ?? '').trim())
          .map((el) => parseFloat(getComputedStyle(el).fontSize)),
      ),
    }));
    expect(size.sw, 'no horizontal scrolling').toBeLessThanOrEqual(1920);
    expect(size.sh, 'no vertical scrolling').toBeLessThanOrEqual(1080);
    expect(size.bw).toBeLessThanOrEqual(1920);
    expect(size.bh).toBeLessThanOrEqual(1080);
    expect(size.inner, 'no clipped (scrolling) boxes inside').toBe(0);
    expect(size.smallest, 'body text at least 24 px').toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: test.info().outputPath('board-1920x1080.png') });
    await expectAccessible(page, 'presentation mode');
  });
});
