// Kapacitet → Indlæs fil: a planner checks a booking-system file, sees its errors in Danish, fixes it and commits it.
import { expect, expectAccessible, login, test } from './fixtures';
import { shot } from './ui';

const HEADER = 'Leverandør;Kræftområde;Modalitet;Start;Varighed;Antal;Eksternt id';
/** dd-mm-yyyy of a day `n` days ahead (Copenhagen calendar is close enough for days well ahead). */
const dmyAhead = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
};
const csv = (rows: string[]) => Buffer.from('\ufeff' + [HEADER, ...rows].join('\r\n') + '\r\n', 'utf8');

test('a planner imports capacity from a CSV file: check, see the errors, fix, commit, and nothing twice', async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const good = [
    `rh-herlev-hospital;Brystkræft;Operation;${dmyAhead(20)} 07:10;90;2;UI-${run}-1`,
    `rh-herlev-hospital;Brystkræft;Operation;${dmyAhead(21)} 07:10;90;1;UI-${run}-2`,
  ];
  await login(page, 'planner.hovedstaden@demo.dk');
  await page.getByRole('link', { name: 'Kapacitet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kapacitet' })).toBeVisible();
  await page.getByRole('tab', { name: 'Indlæs fil' }).click();

  // A file with a bad row: the report names row, column and what is wrong; committing is not offered.
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'herlev.csv',
    mimeType: 'text/csv',
    buffer: csv([...good, `rh-herlev-hospital;Hjertekræft;Operation;${dmyAhead(22)} 07:10;90;1;UI-${run}-3`]),
  });
  await page.getByRole('button', { name: 'Kontrollér fil' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('3 rækker');
  await expect(report).toContainText('1 fejl');
  const errors = page.getByRole('table', { name: 'Fejl i filen' });
  await expect(errors).toContainText('Hjertekræft');
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^Indlæs \d+ tider$/ })).toBeDisabled();
  await shot(page, 'capacity-import');
  await expectAccessible(page, 'Kapacitet – indlæs fil');

  // The fixed file: three new slots (2 + 1), committed in one go.
  await input.setInputFiles({ name: 'herlev.csv', mimeType: 'text/csv', buffer: csv(good) });
  await page.getByRole('button', { name: 'Kontrollér fil' }).click();
  await expect(report).toContainText('3 nye tider');
  await expect(report).toContainText('0 fejl');
  await page.getByRole('button', { name: 'Indlæs 3 tider' }).click();
  await expect(page.getByText('3 tider indlæst (0 fandtes allerede).')).toBeVisible();

  // The same file again creates nothing.
  await input.setInputFiles({ name: 'herlev.csv', mimeType: 'text/csv', buffer: csv(good) });
  await page.getByRole('button', { name: 'Kontrollér fil' }).click();
  await expect(report).toContainText('0 nye tider');
  await expect(report).toContainText('3 findes allerede');
  await expect(page.getByRole('button', { name: 'Indlæs 0 tider' })).toBeDisabled();
});
