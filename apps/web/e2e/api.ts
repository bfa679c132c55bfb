// Direct GraphQL calls for test set-up (other regions' actions), against the same server the browser uses.
import type { APIRequestContext } from '@playwright/test';
import { PASSWORD } from './fixtures';

const tokens = new Map<string, string>();

export async function gql<T = any>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  as?: string,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.authorization = `Bearer ${await token(request, as)}`;
  const res = await request.post('/graphql', { headers, data: { query, variables } });
  const body = await res.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function token(request: APIRequestContext, email: string): Promise<string> {
  let t = tokens.get(email);
  if (!t) {
    const res = await request.post('/graphql', {
      headers: { 'content-type': 'application/json' },
      data: {
        query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        variables: { i: { email, password: PASSWORD } },
      },
    });
    t = (await res.json()).data.login.accessToken as string;
    tokens.set(email, t);
  }
  return t;
}

export async function providerId(request: APIRequestContext, key: string): Promise<string> {
  const d = await gql<{ providers: { id: string; key: string }[] }>(
    request,
    '{ providers { id key } }',
    {},
    'secretariat@demo.dk',
  );
  const p = d.providers.find((x) => x.key === key);
  if (!p) throw new Error(`no provider ${key}`);
  return p.id;
}

/** Copenhagen wall-clock date + HH:MM in `days` days → ISO instant (CET/CEST by date). */
export function copenhagen(daysAhead: number, time: string): { iso: string; date: string } {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(
    new Date(Date.now() + daysAhead * 86_400_000),
  );
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const offset = (instant: number) => {
    const p = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(instant));
    const g = (t: string) => Number(p.find((x) => x.type === t)!.value);
    return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute')) - instant;
  };
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offset(guess);
  return { iso: new Date(guess).toISOString(), date };
}

export async function publishSlot(
  request: APIRequestContext,
  as: string,
  providerKey: string,
  area: string,
  modality: string,
  daysAhead: number,
  time: string,
) {
  const pid = await providerId(request, providerKey);
  const d = await gql<{ publishSlots: { id: string }[] }>(
    request,
    'mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { id } }',
    {
      i: {
        providerId: pid,
        cancerArea: area,
        modality,
        durationMinutes: 60,
        starts: [copenhagen(daysAhead, time).iso],
      },
    },
    as,
  );
  return d.publishSlots[0].id;
}
