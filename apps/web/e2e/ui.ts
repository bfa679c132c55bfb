import { expect, type Page } from '@playwright/test';

/** Picks an option in a Mantine Select by its label text. */
export async function choose(page: Page, label: string, option: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(box).toHaveValue(option);
}

/** Types into a Mantine DateInput (YYYY-MM-DD or Danish) and leaves the field so it parses. By accessible name, so a
 * required field's asterisk (aria-hidden) is not part of the label. */
export async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByRole('textbox', { name: label, exact: true });
  await input.fill(date);
  await input.press('Tab');
}

export async function shot(page: Page, name: string) {
  if (process.env.WEB_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.WEB_SCREENSHOTS}/${name}.png`, fullPage: true });
}

export function isoDaysAhead(n: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}
