// The planner's whole day in the browser against the real api + worker: log in, worklist, register, pause, find a
// slot, offer, decline with ABROAD, a second offer accepted, publish a series, withdraw a slot, log out.
import { publishSlot } from './api';
import { expect, expectAccessible, login, test, uniqueRef } from './fixtures';
import { choose, fillDate, isoDaysAhead, shot } from './ui';

test("a planner's day", async ({ page, request }) => {
  test.setTimeout(480_000);
  // Capacity elsewhere: a slot abroad (Kiel, published by the secretariat) and one in Region Midtjylland.
  const kielSlot = await publishSlot(
    request,
    'secretariat@demo.dk',
    'de-uksh-kiel',
    'URINARY',
    'RADIOTHERAPY',
    9,
    '07:05',
  );
  const aarhusSlot = await publishSlot(
    request,
    'planner.midtjylland@demo.dk',
    'rm-aarhus-universitetshospital',
    'URINARY',
    'RADIOTHERAPY',
    10,
    '07:10',
  );
  const ref = uniqueRef('DAG');

  await test.step('log in and see the worklist', async () => {
    await login(page, 'planner.hovedstaden@demo.dk');
    await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
    await expect(page.getByTestId('worklist').locator('tbody tr').first()).toBeVisible();
    await shot(page, 'worklist');
    await expectAccessible(page, 'Forløb i risiko');
    await choose(page, 'I risiko', 'Kun i risiko');
    await expect(page).toHaveURL(/risiko=YES/);
    await choose(page, 'I risiko', 'Alle');
  });

  await test.step("register a pathway; the API's field errors show on the form", async () => {
    await page.getByRole('link', { name: 'Registrér forløb' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Registrér forløb' })).toBeVisible();
    await page.getByRole('button', { name: 'Registrér forløb' }).click();
    await expect(page.getByText('Skal udfyldes').first()).toBeVisible();
    await page.getByLabel('Forløbsnummer').fill('010190-1234');
    await choose(page, 'Bopælskommune', 'København');
    await choose(page, 'Kræftområde', 'Kræft i urinvejene');
    await choose(page, 'Fase', 'Primær behandling');
    await choose(page, 'Behandling', 'Strålebehandling');
    await expectAccessible(page, 'Registrér forløb');
    await page.getByRole('button', { name: 'Registrér forløb' }).click();
    await expect(page.getByRole('alert')).toContainText('ligner et CPR-nummer');
    await shot(page, 'register-error');
    await page.getByLabel('Forløbsnummer').fill(ref);
    await page.getByRole('button', { name: 'Registrér forløb' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Forløb ${ref}` })).toBeVisible();
  });

  await test.step('record a pause: the new deadline shows at once with its breakdown', async () => {
    const before = await page.getByTestId('deadline').textContent();
    await expect(page.getByTestId('paused-days')).toHaveText('0');
    await fillDate(page, 'Pause fra (første dag)', isoDaysAhead(1));
    await fillDate(page, 'Pause til (første dag efter)', isoDaysAhead(6));
    await choose(page, 'Årsag', 'Patientens eget valg');
    await page.getByRole('button', { name: 'Registrér pause' }).click();
    await expect(page.getByText('Pausen er registreret. Ny frist')).toBeVisible();
    await expect(page.getByTestId('paused-days')).toHaveText('5');
    await expect(page.getByTestId('deadline')).not.toHaveText(before!);
    await expect(page.getByTestId('pauses').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('audit')).toContainText('Pause registreret');
    await shot(page, 'pathway');
    await expectAccessible(page, 'Forløb');
  });

  await test.step('find a slot abroad and offer it; the patient declines (ABROAD)', async () => {
    await page.getByRole('link', { name: 'Find tid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Find tid til ${ref}` })).toBeVisible();
    const row = page.locator(`[data-slot-id="${kielSlot}"]`);
    await expect(row).toContainText('Udlandet');
    await expect(row).toContainText('aftale gyldig til');
    await shot(page, 'find-slot');
    await expectAccessible(page, 'Find tid');
    await row.getByRole('button', { name: /Giv tilbud/ }).click();
    await expect(page.getByTestId('offer-made')).toContainText('udløber');
    await page.getByRole('link', { name: 'Tilbud', exact: true }).first().click();
    const offer = page.locator(`tr[data-reference="${ref}"]`);
    await expect(offer).toContainText('Campus Kiel');
    await shot(page, 'offers');
    await expectAccessible(page, 'Tilbud');
    await offer.getByRole('button', { name: /Registrér svar/ }).click();
    await page.getByRole('radio', { name: 'Afslået' }).check();
    await choose(page, 'Årsag til afslag', 'Andet (uddyb i note)');
    await page.getByRole('button', { name: 'Gem svar' }).click();
    await expect(page.getByRole('dialog').getByText('Skriv en note, når årsagen er »Andet«.').first()).toBeVisible();
    await choose(page, 'Årsag til afslag', 'Ønsker ikke behandling i udlandet');
    await shot(page, 'offer-answer');
    await expectAccessible(page, 'Tilbud: patientens svar');
    await page.getByRole('button', { name: 'Gem svar' }).click();
    await expect(page.getByText(`Afslaget for ${ref} er registreret`)).toBeVisible();
    await expect(offer).toHaveCount(0);
  });

  await test.step('a second offer, in another region, is accepted', async () => {
    await page.getByRole('link', { name: 'Forløb i risiko' }).click();
    await page.getByRole('link', { name: `Find tid til ${ref}` }).click();
    await page
      .locator(`[data-slot-id="${aarhusSlot}"]`)
      .getByRole('button', { name: /Giv tilbud/ })
      .click();
    await expect(page.getByTestId('offer-made')).toContainText('Aarhus Universitetshospital');
    await page.getByRole('link', { name: 'Tilbud', exact: true }).first().click();
    const offer = page.locator(`tr[data-reference="${ref}"]`);
    await offer.getByRole('button', { name: /Registrér svar/ }).click();
    await page.getByRole('radio', { name: 'Accepteret' }).check();
    await page.getByRole('button', { name: 'Gem svar' }).click();
    await expect(page.getByText(`Tilbuddet til ${ref} er accepteret`)).toBeVisible();
    await expect(offer).toHaveCount(0);
  });

  await test.step('the pathway shows both offers, the evidence trail downloads', async () => {
    await page.goto('/?status=ALL');
    await choose(page, 'Status', 'Planlagt');
    await page.getByRole('link', { name: ref, exact: true }).click();
    const offers = page.getByTestId('offers');
    await expect(offers.locator('tbody tr')).toHaveCount(2);
    await expect(offers).toContainText('Ønsker ikke behandling i udlandet');
    await expect(offers).toContainText('Accepteret');
    const download = page.waitForEvent('download');
    await page.getByTestId('evidence-link').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`handlepligt-${ref}.csv`);
  });

  await test.step('publish a series and withdraw a slot in Kapacitet', async () => {
    await page.getByRole('link', { name: 'Kapacitet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kapacitet' })).toBeVisible();
    await choose(page, 'Udbyder', 'Herlev Hospital (Offentligt sygehus)');
    await fillDate(page, 'Fra dato', isoDaysAhead(1));
    await fillDate(page, 'Til dato (inkl.)', isoDaysAhead(14));
    await page.getByLabel('Starttidspunkt (TT:MM, dansk tid)').fill('06:15');
    for (const d of ['Man', 'Tir', 'Ons', 'Tor', 'Fre'])
      await page.getByRole('checkbox', { name: d, exact: true }).check();
    await page.getByRole('button', { name: 'Udbyd serie' }).click();
    await expect(page.getByText(/Serien er udbudt: \d+ tider/)).toBeVisible();
    await page.getByRole('button', { name: 'Næste uge' }).click();
    const free = page.getByTestId('week').locator('[data-status="FREE"]').filter({ hasText: '06.15' });
    // Next week lies inside [tomorrow, tomorrow + 13 days], so its Monday to Friday each have one 06:15 slot.
    await expect(free).toHaveCount(5);
    await shot(page, 'capacity');
    await expectAccessible(page, 'Kapacitet');
    await free
      .first()
      .getByRole('button', { name: /Træk tiden/ })
      .click();
    await expect(page.getByText(/er trukket tilbage/)).toBeVisible();
    await expect(free).toHaveCount(4);
  });

  await test.step('log out', async () => {
    await page.getByRole('button', { name: 'Log ud' }).click();
    await expect(page.getByRole('button', { name: 'Log ind' })).toBeVisible();
  });
});
