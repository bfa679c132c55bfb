// Shared fixtures: the server started by global-setup as baseURL, a guard that the app talks to no other host,
// axe-core checks and log-in helpers.
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export const PASSWORD = 'demo';

export const test = base.extend<{ foreignRequests: string[] }>({
  baseURL: async ({}, use) => use(process.env.CX_WEB_URL),
  // Every test: the page must not request anything from another origin (the app must work with no internet).
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      page.on('request', (r) => {
        const u = r.url();
        if (u.startsWith('data:') || u.startsWith('blob:')) return;
        if (new URL(u).origin !== origin) foreign.push(u);
      });
      await use(foreign);
      expect(foreign, 'requests to other hosts than the app origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

/** axe-core with WCAG 2.1 A/AA rules: no serious or critical violations. */
/**
 * axe-core (WCAG 2.1 A and AA): no serious or critical violation on the page, or only `within` it (e.g. an open dialog:
 * the page behind Mantine's overlay is dimmed on purpose). Waits for finite CSS transitions to end first: a dialog
 * still fading in would be measured at part opacity and fail colour contrast at random.
 */
export async function expectAccessible(page: Page, what: string, within?: string) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (within ? axe.include(within) : axe).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
    `axe on ${what}`,
  ).toEqual([]);
}

export function uniqueRef(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
}
