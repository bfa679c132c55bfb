// Find tid for a pathway that no longer waits: the API refuses to search (INVALID_STATE), and the screen says why
// instead of failing.
import { copenhagen, gql } from './api';
import { expect, expectAccessible, login, test, uniqueRef } from './fixtures';

const PLANNER = 'planner.hovedstaden@demo.dk';

test('Find tid for a treated pathway shows the pathway and why no slots are searched', async ({ page, request }) => {
  const reference = uniqueRef('BEHANDLET');
  const { registerPathway: p } = await gql<{ registerPathway: { id: string } }>(
    request,
    `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`,
    {
      i: {
        reference,
        cancerArea: 'URINARY',
        phase: 'PRIMARY_TREATMENT',
        modality: 'RADIOTHERAPY',
        homeMunicipalityCode: 101,
        clockStart: copenhagen(-3, '12:00').date,
      },
    },
    PLANNER,
  );
  await gql(
    request,
    `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { status } }`,
    { i: { pathwayId: p.id, status: 'TREATED', treatedOn: copenhagen(0, '12:00').date } },
    PLANNER,
  );

  await login(page, PLANNER);
  await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
  await page.goto(`/forloeb/${p.id}/find-tid`);
  await expect(page.getByRole('heading', { level: 1, name: `Find tid til ${reference}` })).toBeVisible();
  await expect(page.getByTestId('not-waiting')).toContainText('Forløbet har status »Behandlet«');
  await expect(page.getByTestId('not-waiting')).toContainText('kun søges tider og gives tilbud til forløb, der venter');
  // No error alert (those carry the API's code), e.g. »Forløbet kunne ikke vises« or a failed search.
  await expect(page.locator('[data-code]')).toHaveCount(0);
  await expect(page.getByTestId('candidates')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Giv tilbud/ })).toHaveCount(0);
  await expectAccessible(page, 'Find tid for a treated pathway');
});
