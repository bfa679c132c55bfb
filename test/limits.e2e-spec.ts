import { createUser, Role } from '@app/core';
import { bootApp, codeOf, TestApp } from './support/harness';

describe('limits: login rate, query depth and width, CSRF, body size, sandbox only in demo mode', () => {
  let app: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false, config: { LOGIN_RATE_LIMIT: '3' } });
    prod = await bootApp({ worker: false, config: { DEMO_MODE: 'false' } });
  });
  afterAll(async () => {
    await app.close();
    await prod.close();
  });

  it('login is rate limited per client (TOO_MANY_REQUESTS), before the password is even checked', async () => {
    const q = `mutation { login(input: {email: "observer@demo.dk", password: "wrong"}) { accessToken } }`;
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(codeOf(await app.gql(q)));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOO_MANY_REQUESTS',
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('rejects over-deep and over-wide queries with BAD_USER_INPUT before running them', async () => {
    // Outside demo mode only real users log in (demo logins are refused there).
    const email = `limits.${Date.now()}@sst.dk`;
    await prod.db.transaction((m) =>
      createUser(m, { email, password: 'grænser for forespørgsler', displayName: 'Limits', role: Role.SECRETARIAT }),
    );
    const token = (
      await prod.gql<any>(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
        i: { email, password: 'grænser for forespørgsler' },
      })
    ).data!.login.accessToken;
    const send = (query: string) =>
      prod
        .http()
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query })
        .then((r) => r.body);
    const deep = await send(
      `{ pathways { nodes { offers { pathway { offers { pathway { offers { pathway { offers { pathway { id } } } } } } } } } } }`,
    );
    expect(deep.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(deep.errors[0].message).toMatch(/nested 11 levels deep; the limit is 10/);
    const fields = Array.from({ length: 60 }, (_, i) => `f${i}: name`).join(' ');
    const frags = `fragment P on Provider { ${fields} } fragment Q on Provider { ${Array.from({ length: 40 }, () => '...P').join(' ')} }`;
    const wide = await send(`{ providers { ...Q } } ${frags}`);
    expect(wide.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wide.errors[0].message).toMatch(/more than 2000 fields/);
    const ok = await send(`{ providers { id name } }`);
    expect(ok.errors).toBeUndefined();
  });

  it.each([20, 30, 60])(
    'a fragment bomb of %i doubling fragments is refused within 1 s while /health answers',
    async (n) => {
      const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(
        ' ',
      );
      const query = `query { ...F0 } ${frags} fragment F${n} on Query { __typename }`;
      const started = Date.now();
      const [bomb, health] = await Promise.all([
        prod.http().post('/graphql').set('content-type', 'application/json').send({ query }),
        prod.http().get('/health'),
      ]);
      const elapsed = Date.now() - started;
      expect(bomb.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(bomb.body.errors[0].message).toMatch(/more than 2000 fields/);
      expect(bomb.body.data).toBeUndefined();
      expect(health.status).toBeLessThan(600);
      expect(health.body.status).toBeDefined();
      expect(elapsed).toBeLessThan(1000);
    },
  );

  it('blocks CSRF-able requests (simple content type without a preflight header)', async () => {
    const res = await prod
      .http()
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send('{"query":"{ regions { code } }"}');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF|preflight/i);
  });

  it('rejects request bodies over 1 MB with a typed error', async () => {
    const res = await prod
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ me { id } }', variables: { pad: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
    const broken = await prod.http().post('/graphql').set('content-type', 'application/json').send('{"query": "{ me');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('BAD_USER_INPUT');
    expect(broken.body.field).toBeUndefined();
    expect(broken.body.message).toMatch(/JSON/);
  });

  it('outside demo mode: no introspection and no sandbox landing page', async () => {
    const intro = await prod.http().post('/graphql').send({ query: '{ __schema { types { name } } }' });
    expect(intro.body.errors[0].message).toMatch(/introspection/i);
    const page = await prod.http().get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/sandbox|embeddable/i);
    const demoPage = await app.http().get('/graphql').set('accept', 'text/html');
    expect(demoPage.status).toBe(200);
    expect(demoPage.text).toMatch(/graphiql/i);
    // Bundled GraphiQL, not Apollo's CDN sandbox: no script or style from another host.
    expect(demoPage.text).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/i);
  });
});
