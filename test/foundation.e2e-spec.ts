import { OutboxService } from '@app/core';
import { JwtService } from '@nestjs/jwt';
import { bootApp, codeOf, TestApp, waitFor } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const COLLAB_BREAST = 'collab.breast@demo.dk';
const OBSERVER = 'observer@demo.dk';

describe('foundation: api + worker on real PostgreSQL and Redis', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health reports database and redis separately, without a token', async () => {
    const res = await app.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
  });

  it('every demo role logs in and sees itself in `me`', async () => {
    for (const [email, role] of [
      [SECRETARIAT, 'SECRETARIAT'],
      [PLANNER_H, 'PLANNER'],
      [COLLAB_BREAST, 'COLLABORATION'],
      [OBSERVER, 'OBSERVER'],
    ]) {
      const d = await app.ok<{ me: { email: string; role: string; regionCode: number | null; cancerAreas: string[] } }>(
        `{ me { email role regionCode cancerAreas } }`,
        {},
        email,
      );
      expect(d.me).toMatchObject({ email, role });
    }
    const planner = await app.ok<{ me: { regionCode: number } }>(`{ me { regionCode } }`, {}, PLANNER_H);
    expect(planner.me.regionCode).toBe(1084);
    const collab = await app.ok<{ me: { cancerAreas: string[] } }>(`{ me { cancerAreas } }`, {}, COLLAB_BREAST);
    expect(collab.me.cancerAreas).toEqual(['BREAST']);
  });

  it('wrong password, missing token and expired token are UNAUTHENTICATED', async () => {
    const wrong = await app.gql(
      `mutation { login(input: {email: "${SECRETARIAT}", password: "nope"}) { accessToken } }`,
    );
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    const unknown = await app.gql(
      `mutation { login(input: {email: "nobody@demo.dk", password: "demo"}) { accessToken } }`,
    );
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(`{ me { email } }`))).toBe('UNAUTHENTICATED');
    const expired = await new JwtService({ secret: 'test-secret-test-secret-test-secret-123' }).signAsync(
      { sub: 'x', email: SECRETARIAT, role: 'SECRETARIAT', region: null, areas: [] },
      { expiresIn: -10 },
    );
    const res = await app
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${expired}`)
      .send({ query: '{ me { email } }' });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await new JwtService({ secret: 'another-secret-another-secret-another' }).signAsync({
      sub: 'x',
      role: 'SECRETARIAT',
    });
    const res2 = await app
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${forged}`)
      .send({ query: '{ me { email } }' });
    expect(res2.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a deactivated user loses access within seconds, although the token has not expired', async () => {
    const email = 'planner.oestdanmark@demo.dk';
    expect((await app.ok<any>(`{ me { email } }`, {}, email)).me.email).toBe(email);
    await app.db.query(`UPDATE app_user SET active = false WHERE email = $1`, [email]);
    try {
      await new Promise((r) => setTimeout(r, 5200));
      expect(codeOf(await app.gql(`{ me { email } }`, {}, email))).toBe('UNAUTHENTICATED');
    } finally {
      await app.db.query(`UPDATE app_user SET active = true WHERE email = $1`, [email]);
    }
  });

  it('reference data: 5+1 regions, 98 municipalities, providers of every kind, agreements', async () => {
    const d = await app.ok<any>(
      `{ regions { code isoCode validTo successorCode } municipalities { code regionCode lat lon effectiveRegionCode(on: "2027-01-01") }
         providers { id name kind regionCode country agreements { validFrom validTo } } }`,
      {},
      PLANNER_H,
    );
    expect(d.regions.map((r: any) => r.code)).toEqual([1081, 1082, 1083, 1084, 1085, 1086]);
    expect(d.regions.find((r: any) => r.code === 1084)).toMatchObject({ validTo: '2026-12-31', successorCode: 1086 });
    expect(d.municipalities).toHaveLength(98);
    const kbh = d.municipalities.find((m: any) => m.code === 101);
    expect(kbh).toMatchObject({ regionCode: 1084, effectiveRegionCode: 1086 });
    const aalborg = d.municipalities.find((m: any) => m.code === 851);
    expect(aalborg).toMatchObject({ regionCode: 1081, effectiveRegionCode: 1081 });
    const kinds = new Set(d.providers.map((p: any) => p.kind));
    expect(kinds).toEqual(new Set(['PUBLIC', 'PRIVATE', 'FOREIGN']));
    const foreign = d.providers.filter((p: any) => p.kind === 'FOREIGN');
    expect(foreign.every((p: any) => p.regionCode === null && p.country !== 'DK' && p.agreements.length >= 1)).toBe(
      true,
    );
    const current = await app.ok<any>(`{ regions(on: "2027-03-01") { code } }`, {}, PLANNER_H);
    expect(current.regions.map((r: any) => r.code)).toEqual([1081, 1082, 1083, 1086]);
    const ag = await app.ok<any>(
      `{ agreements(filter: {validOn: "2026-09-01"}) { validTo provider { kind } } }`,
      {},
      COLLAB_BREAST,
    );
    expect(ag.agreements.length).toBeGreaterThan(0);
    expect(ag.agreements.every((a: any) => a.validTo >= '2026-09-01' && a.provider.kind !== 'PUBLIC')).toBe(true);
  });

  it('roles: observer may not read agreements; only the secretariat creates providers and reads the audit log', async () => {
    expect(codeOf(await app.gql(`{ agreements { id } }`, {}, OBSERVER))).toBe('FORBIDDEN');
    const input = {
      name: 'Testklinik Kiel',
      kind: 'FOREIGN',
      country: 'DE',
      lat: 54.32,
      lon: 10.13,
      cancerAreas: ['BREAST'],
      modalities: ['SURGERY'],
    };
    const q = `mutation($i: CreateProviderInput!) { createProvider(input: $i) { id name kind regionCode } }`;
    expect(codeOf(await app.gql(q, { i: input }, PLANNER_H))).toBe('FORBIDDEN');
    const created = await app.ok<any>(q, { i: input }, SECRETARIAT);
    expect(created.createProvider).toMatchObject({ name: 'Testklinik Kiel', kind: 'FOREIGN', regionCode: null });
    const audit = await app.ok<any>(
      `query($f: AuditFilter) { auditLog(filter: $f) { nodes { action entityId actorLabel after } } }`,
      { f: { entityType: 'provider', entityId: created.createProvider.id } },
      SECRETARIAT,
    );
    expect(audit.auditLog.nodes).toHaveLength(1);
    expect(audit.auditLog.nodes[0]).toMatchObject({ action: 'provider.create', actorLabel: SECRETARIAT });
    expect(audit.auditLog.nodes[0].after.name).toBe('Testklinik Kiel');
    expect(codeOf(await app.gql(`{ auditLog { nodes { id } } }`, {}, PLANNER_H))).toBe('FORBIDDEN');
  });

  it('malformed input is BAD_USER_INPUT naming the field, never a stack trace', async () => {
    const q = `mutation($i: CreateProviderInput!) { createProvider(input: $i) { id } }`;
    const bad = await app.gql(
      q,
      {
        i: {
          name: 'X clinic',
          kind: 'PRIVATE',
          regionCode: 1084,
          country: 'DK',
          lat: 200,
          lon: 12,
          cancerAreas: ['BREAST'],
          modalities: ['SURGERY'],
        },
      },
      SECRETARIAT,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('lat');
    const badEnum = await app.gql(q, { i: { name: 'X', kind: 'MARTIAN' } }, SECRETARIAT);
    expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
    const unknownField = await app.gql(`{ me { nope } }`, {}, SECRETARIAT);
    expect(codeOf(unknownField)).toBe('BAD_USER_INPUT');
    const extra = await app.gql(
      q,
      {
        i: {
          name: 'X clinic',
          kind: 'PRIVATE',
          regionCode: 1084,
          country: 'DK',
          lat: 55,
          lon: 12,
          cancerAreas: ['BREAST'],
          modalities: ['SURGERY'],
          evil: 1,
        },
      },
      SECRETARIAT,
    );
    expect(codeOf(extra)).toBe('BAD_USER_INPUT');
    for (const r of [bad, badEnum, unknownField, extra])
      expect(JSON.stringify(r)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });

  it('the audit log is append-only in the database itself', async () => {
    await expect(app.db.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(app.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('a job written to the outbox reaches the real worker through Redis', async () => {
    const outbox = app.api.get(OutboxService);
    const note = `e2e-${Date.now()}`;
    await app.db.transaction((m) =>
      outbox.enqueue(m, 'system.heartbeat', { requestedAt: new Date().toISOString(), note }, { key: note }),
    );
    await outbox.dispatchPending();
    const row = await waitFor(async () => {
      const rows = await app.db.query(`SELECT job_id, note FROM worker_heartbeat WHERE note = $1`, [note]);
      return rows[0];
    });
    expect(row.job_id).toBe(`system.heartbeat__${note}`);
    const pending = await app.db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
    expect(pending[0].n).toBe(0);
  });
});
