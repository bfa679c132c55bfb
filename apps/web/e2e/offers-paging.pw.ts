// Tilbud with more pending offers than one page: the pages loaded with »Vis flere« stay when an offer is answered or
// withdrawn, and that offer leaves the list. Region Nordjylland's offers, made here through the API (other tests
// use other regions' pending offers).
import type { APIRequestContext } from '@playwright/test';
import { copenhagen, gql, providerId } from './api';
import { expect, expectAccessible, login, test, uniqueRef } from './fixtures';

const PLANNER = 'planner.nordjylland@demo.dk';
const OFFERS = 60;

/** OFFERS pathways of Region Nordjylland, each with a pending offer of a slot at Aarhus Universitetshospital. */
async function pendingOffers(request: APIRequestContext, prefix: string): Promise<void> {
  const provider = await providerId(request, 'rm-aarhus-universitetshospital');
  const starts = Array.from({ length: OFFERS }, (_, i) => {
    const minutes = 7 * 60 + i * 5;
    return copenhagen(
      21,
      `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    ).iso;
  });
  const { publishSlots } = await gql<{ publishSlots: { id: string }[] }>(
    request,
    'mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { id } }',
    { i: { providerId: provider, cancerArea: 'OTHER', modality: 'SURGERY', durationMinutes: 60, starts } },
    'planner.midtjylland@demo.dk',
  );
  expect(publishSlots).toHaveLength(OFFERS);
  for (const [i, slot] of publishSlots.entries()) {
    const { registerPathway } = await gql<{ registerPathway: { id: string } }>(
      request,
      'mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }',
      {
        i: {
          reference: `${prefix}-${i + 1}`,
          cancerArea: 'OTHER',
          phase: 'PRIMARY_TREATMENT',
          modality: 'SURGERY',
          homeMunicipalityCode: 851,
          clockStart: copenhagen(0, '12:00').date,
        },
      },
      PLANNER,
    );
    await gql(
      request,
      'mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }',
      { i: { pathwayId: registerPathway.id, slotId: slot.id } },
      PLANNER,
    );
  }
}

test('Tilbud keeps the pages loaded with »Vis flere« when an offer is answered or withdrawn', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const prefix = uniqueRef('SIDE');
  await pendingOffers(request, prefix);

  await login(page, PLANNER);
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  await page.getByRole('link', { name: 'Tilbud', exact: true }).first().click();
  const rows = page.getByTestId('offers').locator('tbody tr');
  const counter = page.getByTestId('load-more');
  await expect(rows).toHaveCount(50);
  await expect(counter).toContainText(/Viser 50 af [\d.]+ tilbud/);
  const total = Number(/af ([\d.]+)/.exec(await counter.innerText())![1].replace(/\./g, ''));
  expect(total).toBeGreaterThanOrEqual(OFFERS);
  await counter.getByRole('button', { name: 'Vis flere' }).click();
  const loaded = Math.min(100, total);
  await expect(rows).toHaveCount(loaded);
  await expectAccessible(page, 'Tilbud after »Vis flere«');

  /** The last of this test's offers in the list: on the second page, as 60 of them come after at most 50 rows. */
  const lastOfMine = async () => {
    const refs = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-reference') ?? ''));
    const at = refs.findLastIndex((r) => r.startsWith(`${prefix}-`));
    expect(at).toBeGreaterThanOrEqual(50);
    return refs[at];
  };

  await test.step('answer an offer from the second page: it leaves the list, the loaded rows stay', async () => {
    const ref = await lastOfMine();
    await page.getByRole('button', { name: `Registrér svar for ${ref}` }).click();
    await page.getByRole('radio', { name: 'Accepteret' }).check();
    await page.getByRole('button', { name: 'Gem svar' }).click();
    await expect(page.getByText(`Tilbuddet til ${ref} er accepteret`)).toBeVisible();
    await expect(page.locator(`tr[data-reference="${ref}"]`)).toHaveCount(0);
    await expect(rows).toHaveCount(loaded - 1);
    expect(loaded - 1).toBeGreaterThan(50);
    await expect(counter).toContainText(`${total - 1} tilbud`);
  });

  await test.step('withdraw another: the same', async () => {
    const ref = await lastOfMine();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Træk tilbuddet til ${ref} tilbage` }).click();
    await expect(page.getByText(`Tilbuddet til ${ref} er trukket tilbage`)).toBeVisible();
    await expect(page.locator(`tr[data-reference="${ref}"]`)).toHaveCount(0);
    await expect(rows).toHaveCount(loaded - 2);
    expect(loaded - 2).toBeGreaterThan(50);
    await expect(counter).toContainText(`${total - 2} tilbud`);
  });
});
