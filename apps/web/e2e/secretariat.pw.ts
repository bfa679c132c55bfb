import { expectDialogAccessible, signIn, today } from './board-api';
import { expect, expectAccessible, test } from './fixtures';
import { shot } from './ui';

const SECRETARIAT = 'secretariat@demo.dk';
const PATHWAY_REF = /DEMO-\d{3}/;

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

test.describe.serial('secretariat and observer', () => {
  // Generous: the machine running CI is shared, and axe on a full table takes seconds under load.
  test.describe.configure({ timeout: 240_000 });
  test('secretariat compiles the annual report: the progress bar reaches 100 % and the HTML opens', async ({
    page,
  }) => {
    await signIn(page, SECRETARIAT);
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Rapporter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
    await expectAccessible(page, 'reports');
    const year = String(Number(today().slice(0, 4)));
    await page.getByRole('combobox', { name: 'År', exact: true }).click();
    await page.getByRole('option', { name: year, exact: true }).click();
    await page.getByRole('button', { name: 'Udarbejd rapport' }).click();
    const bar = page.getByRole('progressbar', { name: /Fremdrift for rapporten/ });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
    await expect(page.getByTestId('report-progress')).toContainText('100 %');
    await expect(page.getByTestId('report-progress')).toContainText('Færdig');
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Åbn rapporten' }).click();
    const report = await popup;
    await expect(report.locator('h1')).toContainText(`kapacitet ${year}`);
    await expect(page.getByTestId('reports').getByRole('row', { name: new RegExp(`Året ${year}`) })).toBeVisible();
    await expectAccessible(page, 'reports with a finished report');
    await report.close();
  });

  test('secretariat edits the catalogue: a new agreement ending within 90 days is highlighted until it is extended', async ({
    page,
  }) => {
    await signIn(page, SECRETARIAT);
    await page.goto('/udbydere');
    await expect(page.getByRole('heading', { level: 1, name: 'Udbydere og aftaler' })).toBeVisible();
    await expectAccessible(page, 'catalogue: agreements');
    await page.getByRole('tab', { name: /Udbydere/ }).click();
    await expect(page.getByTestId('providers')).toBeVisible();
    await expectAccessible(page, 'catalogue: providers');
    await page.getByRole('button', { name: 'Ny aftale med Privathospitalet Mølholm' }).click();
    const dialog = page.getByRole('dialog');
    await expectDialogAccessible(page, 'agreement form');
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).fill(addDays(today(), 30));
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).blur();
    await dialog.getByRole('combobox', { name: 'Kræftområder', exact: true }).click({ force: true });
    await page.getByRole('option', { name: 'Brystkræft' }).click();
    await dialog.getByRole('heading', { name: 'Opret aftale' }).click(); // closes the open dropdown
    await dialog.getByRole('combobox', { name: 'Behandlinger', exact: true }).click({ force: true });
    await page.getByRole('option', { name: 'Operation', exact: true }).click();
    await dialog.getByRole('heading', { name: 'Opret aftale' }).click();
    await dialog.getByRole('textbox', { name: 'Noter', exact: true }).fill('Browsertest: kort aftale');
    await dialog.getByRole('button', { name: 'Opret aftale' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('tab', { name: /Aftaler/ }).click();
    const row = page.locator('tr[data-expiring]').filter({ hasText: 'Privathospitalet Mølholm' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Udløber om 30 dage');
    // The »Gemt« toast fades in and out (axe would measure its contrast mid-animation): check the page once it is gone.
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 20_000 });
    await expectAccessible(page, 'catalogue with an expiring agreement');

    // Extend it by a year: no longer highlighted. A bad end date gives the API's field error in Danish.
    await row.getByRole('button', { name: 'Redigér aftale med Privathospitalet Mølholm' }).click();
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).fill('2020-01-01');
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).blur();
    await dialog.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(dialog.getByText('Slutdatoen skal ligge på eller efter startdatoen.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).fill(addDays(today(), 400));
    await dialog.getByRole('textbox', { name: 'Gyldig til', exact: true }).blur();
    await dialog.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('tr[data-expiring]').filter({ hasText: 'Privathospitalet Mølholm' })).toHaveCount(0);

    // The audit log has both changes, filterable by entity and action.
    await page.goto('/revisionsspor');
    await expect(page.getByRole('heading', { level: 1, name: 'Revisionsspor' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Entitet', exact: true }).click();
    await page.getByRole('option', { name: 'Aftale' }).click();
    const audit = page.getByTestId('audit');
    await expect(audit.getByText('agreement.update')).toHaveCount(1);
    await expect(audit.getByText('agreement.create')).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Handling', exact: true }).fill('agreement.update');
    await expect(audit.getByText('agreement.create')).toHaveCount(0);
    await expect(audit.getByText('agreement.update')).toHaveCount(1);
    await expectAccessible(page, 'audit log');
  });

  test('long lists come in pages: Tilbud grows with »Vis flere«, Revisionsspor steps to older entries', async ({
    page,
  }) => {
    await signIn(page, SECRETARIAT);
    await page.goto('/tilbud');
    await page.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'Afslået' }).click();
    const rows = page.getByTestId('offers').locator('tbody tr');
    await expect(rows).toHaveCount(50);
    const counter = page.getByTestId('load-more');
    await expect(counter).toContainText(/Viser 50 af [\d.]+ tilbud/);
    const total = Number(/af ([\d.]+)/.exec(await counter.innerText())![1].replace(/\./g, ''));
    expect(total).toBeGreaterThan(50);
    await counter.getByRole('button', { name: 'Vis flere' }).click();
    await expect(rows).toHaveCount(Math.min(100, total));
    await expect(counter).toContainText(`Viser ${Math.min(100, total)} af`);
    const references = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-offer')));
    expect(new Set(references).size).toBe(references.length);
    await shot(page, 'offers-more');
    await expectAccessible(page, 'offers after »Vis flere«');

    await page.goto('/revisionsspor');
    const audit = page.getByTestId('audit');
    await expect(audit.locator('tbody tr')).toHaveCount(50);
    const entries = () =>
      audit.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entry')));
    const firstPage = await entries();
    await page.getByRole('button', { name: 'Ældre' }).click();
    await expect(audit.locator('caption')).toContainText('Side 2');
    await expect(audit.locator('tbody tr').first()).not.toHaveAttribute('data-entry', firstPage[0]!);
    await expect(audit.locator('tbody tr')).toHaveCount(50);
    const secondPage = await entries();
    // Newest first by id, and the older page continues where the first one ended.
    expect(secondPage.every((id) => Number(id) < Number(firstPage[firstPage.length - 1]))).toBe(true);
    await shot(page, 'audit-page-2');
    await page.getByRole('button', { name: 'Nyere' }).click();
    await expect(audit.locator('caption')).toContainText('Side 1');
    await expect.poll(entries).toEqual(firstPage);
  });

  test('secretariat sees the national overview, filterable', async ({ page }) => {
    await signIn(page, SECRETARIAT);
    await page.goto('/overblik');
    const table = page.getByTestId('overview');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expectAccessible(page, 'overview');
    const all = await table.locator('tbody tr').count();
    await page.getByRole('combobox', { name: 'Kræftområde', exact: true }).click();
    await page.getByRole('option', { name: 'Brystkræft' }).click();
    await expect(table.locator('tbody tr').first()).toContainText('Brystkræft');
    expect(await table.locator('tbody tr').count()).toBeLessThan(all);
    for (const r of await table.locator('tbody tr').allTextContents()) expect(r).toContain('Brystkræft');
  });

  test('observer: read-only reports and overview, no pathway reference anywhere', async ({ page }) => {
    await signIn(page, 'observer@demo.dk');
    await expect(page).toHaveURL(/\/overblik/);
    await expect(page.getByTestId('overview').locator('tbody tr').first()).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await expect(nav.getByRole('link')).toHaveText(['Overblik', 'Rapporter']);
    expect(await page.locator('body').innerText()).not.toMatch(PATHWAY_REF);
    await expectAccessible(page, 'observer overview');

    await nav.getByRole('link', { name: 'Rapporter' }).click();
    await expect(page.getByTestId('reports').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Udarbejd rapport' })).toHaveCount(0);
    expect(await page.locator('body').innerText()).not.toMatch(PATHWAY_REF);
    await expectAccessible(page, 'observer reports');
    const popup = page.waitForEvent('popup');
    await page
      .getByTestId('reports')
      .getByRole('button', { name: /som HTML/ })
      .first()
      .click();
    const report = await popup;
    await expect(report.locator('h1')).toBeVisible();
    expect(await report.content()).not.toMatch(PATHWAY_REF);
    await report.close();

    // Pathway screens are not there for an observer.
    for (const path of ['/', '/moede', '/revisionsspor', '/udbydere', '/tilbud']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await page.locator('body').innerText(), path).not.toMatch(PATHWAY_REF);
    }
  });
});
