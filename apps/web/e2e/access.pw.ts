// Session edge cases, region isolation, a slot taken by someone else, keyboard reachability.
import { copenhagen, gql, publishSlot } from './api';
import { expect, expectAccessible, login, test, uniqueRef } from './fixtures';

const REGISTER = `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id reference } }`;

async function registerViaApi(
  request: Parameters<typeof gql>[0],
  as: string,
  municipality: number,
  area = 'URINARY',
  modality = 'RADIOTHERAPY',
) {
  const d = await gql<{ registerPathway: { id: string; reference: string } }>(
    request,
    REGISTER,
    {
      i: {
        reference: uniqueRef('API'),
        cancerArea: area,
        phase: 'PRIMARY_TREATMENT',
        modality,
        homeMunicipalityCode: municipality,
        clockStart: copenhagen(0, '12:00').date,
      },
    },
    as,
  );
  return d.registerPathway;
}

test("a planner cannot see another region's pathway", async ({ page, request }) => {
  const other = await registerViaApi(request, 'planner.hovedstaden@demo.dk', 101);
  await login(page, 'planner.nordjylland@demo.dk');
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  await page.goto(`/forloeb/${other.id}`);
  await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'FORBIDDEN');
  await expect(page.getByRole('alert')).toContainText(
    'Forløbet hører under Region Hovedstaden; du planlægger for Region Nordjylland',
  );
  await expect(page.getByText(other.reference)).toHaveCount(0);
  await page.goto(`/?status=ALL`);
  await expect(page.getByTestId('worklist')).toBeVisible();
  await expect(page.getByText(other.reference)).toHaveCount(0);
});

test('an expired or rejected token sends the planner back to log in with a message', async ({ page }) => {
  await login(page, 'planner.hovedstaden@demo.dk');
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  // A token the server no longer accepts (here: tampered signature, still unexpired for the browser).
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('cx.session')!);
    const [h, p] = s.token.split('.');
    s.token = `${h}.${p}.invalidsignature`;
    localStorage.setItem('cx.session', JSON.stringify(s));
  });
  await page.reload();
  await expect(page.getByText('Din session er udløbet. Log ind igen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log ind' })).toBeVisible();
  // A token whose exp has passed is not used at all.
  await login(page, 'planner.hovedstaden@demo.dk');
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('cx.session')!);
    const [h, , sig] = s.token.split('.');
    const payload = btoa(JSON.stringify({ sub: s.user.id, exp: Math.floor(Date.now() / 1000) - 60 })).replace(
      /=+$/,
      '',
    );
    s.token = `${h}.${payload}.${sig}`;
    localStorage.setItem('cx.session', JSON.stringify(s));
  });
  await page.reload();
  await expect(page.getByText('Din session er udløbet. Log ind igen.')).toBeVisible();
});

test('a slot another region took in the meantime: the planner is told and the list refreshes', async ({
  page,
  request,
}) => {
  const mine = await registerViaApi(request, 'planner.hovedstaden@demo.dk', 101, 'LUNG', 'SURGERY');
  const theirs = await registerViaApi(request, 'planner.syddanmark@demo.dk', 461, 'LUNG', 'SURGERY');
  const slot = await publishSlot(
    request,
    'planner.midtjylland@demo.dk',
    'rm-aarhus-universitetshospital',
    'LUNG',
    'SURGERY',
    8,
    '07:20',
  );
  await login(page, 'planner.hovedstaden@demo.dk');
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  await page.goto(`/forloeb/${mine.id}/find-tid`);
  const row = page.locator(`[data-slot-id="${slot}"]`);
  await expect(row).toBeVisible();
  await gql(
    request,
    'mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }',
    { i: { pathwayId: theirs.id, slotId: slot } },
    'planner.syddanmark@demo.dk',
  );
  await row.getByRole('button', { name: /Giv tilbud/ }).click();
  await expect(page.getByRole('alert')).toContainText('En anden region har netop taget tiden');
  await expect(row).toHaveCount(0);
});

test('everything is reachable by keyboard, from log-in to the screens', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await page.keyboard.type('planner.hovedstaden@demo.dk');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Adgangskode')).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();

  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const label =
          el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '';
        return label.trim();
      }),
    );
  }
  for (const name of [
    'Gå til indhold',
    'Log ud',
    'Forløb i risiko',
    'Tilbud',
    'Kapacitet',
    'Registrér forløb',
    'Kræftområde',
    'Fase',
    'Status',
    'I risiko',
  ]) {
    expect([...reached], `Tab reaches ${name}`).toContain(name);
  }
  expect(
    [...reached].some((r) => r.startsWith('DEMO-')),
    'Tab reaches a pathway link',
  ).toBe(true);
  expect(
    [...reached].some((r) => r.startsWith('Find tid til')),
    'Tab reaches Find tid',
  ).toBe(true);

  // The menu works from the keyboard: focus Tilbud and press Enter.
  await page.getByRole('link', { name: 'Tilbud', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Tilbud' })).toBeVisible();
  await expectAccessible(page, 'Tilbud (tom eller fuld)');
});
