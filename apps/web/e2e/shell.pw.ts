import { expect, expectAccessible, login, test } from './fixtures';

test.describe('app shell', () => {
  test('log in, the worklist shows, the session survives a reload, log out', async ({ page }) => {
    await login(page, 'planner.hovedstaden@demo.dk');
    await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
    await expect(page.getByTestId('whoami')).toContainText('Region Hovedstaden');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Forløb i risiko' })).toBeVisible();
    await expectAccessible(page, 'worklist');
    await page.getByRole('button', { name: 'Log ud' }).click();
    await expect(page.getByRole('button', { name: 'Log ind' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Log ind' })).toBeVisible();
  });

  test('wrong password gives a clear message; the login page is accessible', async ({ page }) => {
    await login(page, 'planner.hovedstaden@demo.dk', 'forkert');
    await expect(page.getByRole('alert')).toContainText('Forkert e-mail eller adgangskode.');
    await expectAccessible(page, 'login');
  });
});
