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

test('the api serves the app: SPA fallback for client routes, hashed assets cached for a year, index never cached', async ({
  request,
}) => {
  const page = await request.get('/tilbud', { headers: { accept: 'text/html' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['cache-control']).toBe('no-cache');
  const html = await page.text();
  expect(html).toContain('<div id="root">');
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  const js = await request.get(asset);
  expect(js.status()).toBe(200);
  expect(js.headers()['cache-control']).toMatch(/max-age=31536000.*immutable/);
  // API routes are not swallowed by the fallback.
  const health = await request.get('/health', { headers: { accept: 'text/html' } });
  expect(health.headers()['content-type']).toMatch(/json/);
});

test('demo mode: /graphql opens the bundled GraphiQL, loaded from the app origin only', async ({ page }) => {
  await page.goto('/graphql');
  await expect(page.locator('.graphiql-container')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  // The docs explorer knows the schema without an introspection query (bundled schema.gql).
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await expect(page.getByText('Mutation', { exact: true }).first()).toBeVisible();
});
