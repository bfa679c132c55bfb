// GraphQL calls from a test to set the scene (e.g. a planner making an offer in another browser).
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectAccessible, login, PASSWORD } from './fixtures';

export async function gql<T>(
  request: APIRequestContext,
  email: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const login = await request.post('/graphql', {
    data: {
      query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken } }',
      variables: { e: email, p: PASSWORD },
    },
  });
  const token = (await login.json()).data.login.accessToken as string;
  const res = await request.post('/graphql', {
    data: { query, variables },
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

export const PLANNER_OF: Record<number, string> = {
  1081: 'planner.nordjylland@demo.dk',
  1082: 'planner.midtjylland@demo.dk',
  1083: 'planner.syddanmark@demo.dk',
  1084: 'planner.hovedstaden@demo.dk',
  1085: 'planner.sjaelland@demo.dk',
  1086: 'planner.oestdanmark@demo.dk',
};

/** Today in Copenhagen as YYYY-MM-DD (the board's default meeting date). */
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());

/** Log in through the form and wait until the app shell shows (so a following page.goto does not race the login). */
export async function signIn(page: Page, email: string): Promise<void> {
  await login(page, email);
  await expect(page.getByRole('button', { name: 'Log ud' })).toBeVisible({ timeout: 30_000 });
}

/** axe-core on an open dialog only (the page behind Mantine's overlay is dimmed on purpose and not what is checked). */
export function expectDialogAccessible(page: Page, what: string): Promise<void> {
  return expectAccessible(page, what, '[role="dialog"]');
}
