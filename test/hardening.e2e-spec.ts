import { addDays, todayInCopenhagen } from '@app/deadline';
import { createUser, jobIdOf, JOB_QUEUE, QueueRegistry, Role } from '@app/core';
import { ReportingService } from '@app/reporting';
import { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/src/bootstrap';
import { schedules, Schedulers } from '../apps/worker/src/schedulers';
import { JwtService } from '@nestjs/jwt';
import { openDataSource } from '../scripts/db';
import { prepareDatabase } from '../scripts/prepare';
import { bootApp, codeOf, TestApp, testConfig, waitFor } from './support/harness';

const services = require('../scripts/services.js');

/** Issue #14 ("Hardening, round two"): one describe per item, each reproducing the attack that found it. */
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const today = todayInCopenhagen();
let seq = 0;
const ref = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}`;

const REGISTER = `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`;
const UPDATE = `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { expectedDate } }`;
const PAUSE = `mutation($i: RecordPauseInput!) { recordPause(input: $i) { pausedDays } }`;
const PUBLISH = `mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { id starts } }`;

describe('hardening round two (issue #14)', () => {
  let app: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    prod = await bootApp({ worker: false, config: { DEMO_MODE: 'false' } });
  });
  afterAll(async () => {
    await app.close();
    await prod.close();
  });

  const register = (over: Record<string, unknown>) =>
    app.gql<any>(
      REGISTER,
      {
        i: {
          reference: ref('HX'),
          homeMunicipalityCode: 101,
          cancerArea: 'BREAST',
          phase: 'DIAGNOSTIC',
          modality: 'DIAGNOSTIC',
          clockStart: addDays(today, -3),
          ...over,
        },
      },
      PLANNER_H,
    );

  describe('item 2: query cost, aliases and one allocation per request', () => {
    const SECRETARIAT = 'secretariat@demo.dk';
    const refused = (res: any, pattern: RegExp) => {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors[0].message).toMatch(pattern);
      expect(res.data ?? undefined).toBeUndefined();
    };

    it('two allocations in one request are refused before either runs (aliases, fragments, meetingAgenda)', async () => {
      const area = 'cancerArea: LUNG';
      refused(
        await app.gql(
          `{ a: proposeAllocation(input: {${area}}) { totals { placed } } b: proposeAllocation(input: {${area}}) { totals { placed } } }`,
          {},
          SECRETARIAT,
        ),
        /At most 1 allocation/,
      );
      refused(
        await app.gql(
          `{ ...A } fragment A on Query { ...B ...B } fragment B on Query { proposeAllocation(input: {${area}}) { totals { placed } } }`,
          {},
          SECRETARIAT,
        ),
        /At most 1 allocation/,
      );
      refused(
        await app.gql(
          `{ proposeAllocation(input: {${area}}) { totals { placed } } meetingAgenda(${area}, date: "2030-01-07") { date } }`,
          {},
          SECRETARIAT,
        ),
        /At most 1 allocation/,
      );
      // One is fine.
      expect(
        (await app.gql(`{ proposeAllocation(input: {${area}}) { totals { placed } } }`, {}, SECRETARIAT)).errors,
      ).toBeUndefined();
    });

    it('1,000 aliases of matchCandidates(limit: 100) are refused at once, anonymous or not', async () => {
      const p = await register({});
      const many = Array.from(
        { length: 1000 },
        (_, i) => `m${i}: matchCandidates(pathwayId: "${p.data.registerPathway.id}", limit: 100) { rank }`,
      ).join(' ');
      const started = Date.now();
      refused(await app.gql(`{ ${many} }`, {}, PLANNER_H), /aliases; the limit is 30/);
      refused(await prod.gql(`{ ${many} }`), /aliases; the limit is 30/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('cost: five matchCandidates(limit: 100) exceed the budget; pages count by first', async () => {
      const p = await register({});
      const five = Array.from(
        { length: 5 },
        (_, i) => `m${i}: matchCandidates(pathwayId: "${p.data.registerPathway.id}", limit: 100) { rank }`,
      ).join(' ');
      refused(await app.gql(`{ ${five} }`, {}, PLANNER_H), /Query cost \d+ exceeds the limit of 5000/);
      const two = Array.from(
        { length: 2 },
        (_, i) => `m${i}: matchCandidates(pathwayId: "${p.data.registerPathway.id}", limit: 100) { rank }`,
      ).join(' ');
      expect((await app.gql(`{ ${two} }`, {}, PLANNER_H)).errors).toBeUndefined();
      // A full page of pathways with their relations is an ordinary screen and stays well within budget …
      expect(
        (
          await app.gql(
            `{ pathways(first: 200) { nodes { id offers { id } warningsRaised { id } pauses { fromDate } deadlineInfo { maxDays } } } }`,
            {},
            SECRETARIAT,
          )
        ).errors,
      ).toBeUndefined();
      // … but aliasing it many times is not.
      const pages = Array.from(
        { length: 8 },
        (_, i) => `p${i}: pathways(first: 200) { nodes { id offers { id } warningsRaised { id } } }`,
      ).join(' ');
      refused(await app.gql(`{ ${pages} }`, {}, SECRETARIAT), /Query cost \d+ exceeds/);
    });
  });

  describe('item 3: demo accounts do not survive into production', () => {
    const login = (t: TestApp, email: string, password: string) =>
      t.gql<any>(`mutation($i: LoginInput!) { login(input: $i) { accessToken user { role } } }`, {
        i: { email, password },
      });

    it('the same database: secretariat@demo.dk / demo logs in in demo mode, not with DEMO_MODE=false', async () => {
      expect((await login(app, 'secretariat@demo.dk', 'demo')).data.login.user.role).toBe('SECRETARIAT');
      const refused = await login(prod, 'secretariat@demo.dk', 'demo');
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(refused.data).toBeNull();
    });

    it('a token issued to a demo user in demo mode is refused outside demo mode', async () => {
      const token = await app.token('secretariat@demo.dk');
      const res = await prod
        .http()
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ me { email } }' });
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const rest = await prod.http().get('/fhir/Slot').set('authorization', `Bearer ${token}`);
      expect(rest.status).toBe(401);
    });

    it('real users log in in both modes', async () => {
      const email = `real.sek.${Date.now()}@rm.dk`;
      await app.db.transaction((m) =>
        createUser(m, {
          email,
          password: 'en lang og god adgangssætning',
          displayName: 'Sekretariat',
          role: Role.SECRETARIAT,
        }),
      );
      expect((await login(prod, email, 'en lang og god adgangssætning')).data.login.user.role).toBe('SECRETARIAT');
      expect((await login(app, email, 'en lang og god adgangssætning')).data.login.user.role).toBe('SECRETARIAT');
    });

    it('starting without demo mode disables the demo logins; starting in demo mode again enables them', async () => {
      const name = `${process.env.CX_TEST_DATABASE_URL!.split('/').pop()}_mode`;
      const url = await services.createDatabase(process.env.CX_TEST_SERVER_URL, name, { dropFirst: true });
      try {
        const demo = await prepareDatabase(url, true, false);
        expect(demo.logins.length).toBeGreaterThan(10);
        const prodStart = await prepareDatabase(url, false);
        expect(prodStart.logins).toEqual([]);
        expect(prodStart.demoUsersDisabled).toBe(demo.logins.length);
        const ds = await openDataSource(url);
        try {
          const rows = await ds.query(
            `SELECT count(*) FILTER (WHERE active)::int AS active, count(*)::int AS demo FROM app_user WHERE demo`,
          );
          expect(rows[0]).toEqual({ active: 0, demo: demo.logins.length });
          await prepareDatabase(url, true, false);
          expect((await ds.query(`SELECT count(*)::int AS n FROM app_user WHERE demo AND active`))[0].n).toBe(
            demo.logins.length,
          );
        } finally {
          await ds.destroy();
        }
      } finally {
        await services.dropDatabase(process.env.CX_TEST_SERVER_URL, name);
      }
    });
  });

  describe('item 4: CPR-like values in any spelling are refused', () => {
    it.each([
      '010190 - 1234',
      '01.01.90-1234',
      '01 01 90 12 34',
      '010190/1234',
      '010190_1234',
      'x \u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664',
    ])(
      'registerPathway reference %p → PERSONAL_DATA_REJECTED, or refused as bad input before storage',
      async (reference) => {
        const res = await register({ reference });
        expect(['PERSONAL_DATA_REJECTED', 'BAD_USER_INPUT']).toContain(codeOf(res));
        expect(res.errors![0].extensions!.field).toBe('reference');
      },
    );

    it.each([
      'pt 010190\u200B1234',
      'pt 010190\u20131234',
      'pt 01 01 90 12 34',
      'pt \u0660\u0661\u0660\u0661\u0669\u0660\u0661\u0662\u0663\u0664',
    ])('a pause note %p → PERSONAL_DATA_REJECTED', async (note) => {
      const p = await register({});
      const res = await app.gql(
        PAUSE,
        { i: { pathwayId: p.data.registerPathway.id, from: today, to: addDays(today, 2), reason: 'HEALTH', note } },
        PLANNER_H,
      );
      expect(codeOf(res)).toBe('PERSONAL_DATA_REJECTED');
      expect(res.errors![0].extensions!.field).toBe('note');
    });

    it('ordinary case numbers still pass', async () => {
      for (const reference of ['RH-2026-000123', 'AUH/2026/77', 'OUH 2026 0042 1234']) {
        expect((await register({ reference: `${reference}-${++seq}` })).errors).toBeUndefined();
      }
    });
  });

  describe('item 5: control characters are BAD_USER_INPUT at the input layer', () => {
    it('a NUL in pathway(id), a note, a provider name or a reference → BAD_USER_INPUT naming the field', async () => {
      const byId = await app.gql(`query($id: ID!) { pathway(id: $id) { id } }`, { id: '\u0000' }, PLANNER_H);
      expect(codeOf(byId)).toBe('BAD_USER_INPUT');
      expect(byId.errors![0].extensions!.field).toBe('id');
      const p = await register({});
      const note = await app.gql(
        PAUSE,
        {
          i: {
            pathwayId: p.data.registerPathway.id,
            from: today,
            to: addDays(today, 2),
            reason: 'HEALTH',
            note: 'ok\u0000',
          },
        },
        PLANNER_H,
      );
      expect(codeOf(note)).toBe('BAD_USER_INPUT');
      expect(note.errors![0].extensions!.field).toBe('note');
      const provider = await app.gql(
        `mutation($i: CreateProviderInput!) { createProvider(input: $i) { id } }`,
        {
          i: {
            name: 'Klinik\u0000',
            kind: 'PRIVATE',
            regionCode: 1084,
            country: 'DK',
            lat: 55.7,
            lon: 12.5,
            cancerAreas: ['BREAST'],
            modalities: ['SURGERY'],
          },
        },
        'secretariat@demo.dk',
      );
      expect(codeOf(provider)).toBe('BAD_USER_INPUT');
      expect(provider.errors![0].extensions!.field).toBe('name');
      const reference = await register({ reference: 'RH\u00001' });
      expect(codeOf(reference)).toBe('BAD_USER_INPUT');
      expect(reference.errors![0].extensions!.field).toBe('reference');
      for (const r of [byId, note, provider, reference])
        expect(JSON.stringify(r)).not.toMatch(/INTERNAL_SERVER_ERROR|QueryFailed|\.ts:\d+/);
    });

    it('REST routes answer 400 with a JSON error (FHIR: an OperationOutcome), not 500', async () => {
      const token = await app.token(PLANNER_H);
      const res = await app.http().get('/fhir/Slot/%00').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].details.coding[0].code).toBe('BAD_USER_INPUT');
      expect(res.body.issue[0].expression).toEqual(['id']);
    });
  });

  describe('item 6: lost jobs are reconciled, schedulers come back, a silent worker is reported down', () => {
    it('/health is down after 3 missed heartbeats and up again after a beat', async () => {
      const fast = await bootApp({ worker: false, config: { WORKER_HEARTBEAT_SECONDS: '2', DEMO_MODE: 'false' } });
      try {
        const beat = (agoSeconds: number) =>
          fast.db.query(
            `INSERT INTO worker_heartbeat (id, last_seen_at, job_id, note) VALUES ('worker', now() - make_interval(secs => $1), 'test', null)
                         ON CONFLICT (id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
            [agoSeconds],
          );
        await beat(10); // 3 beats of 2 s missed
        const down = await fast.http().get('/health');
        expect(down.status).toBe(503);
        expect(down.body.details.worker.status).toBe('down');
        expect(down.body.details.worker.message).toMatch(/3 missed beats/);
        expect(down.body.details.database.status).toBe('up');
        await beat(0);
        const up = await fast.http().get('/health');
        expect(up.status).toBe(200);
        expect(up.body.details.worker.status).toBe('up');
        // The same 10 s silence is fine with the default 60 s heartbeat.
        await beat(10);
        expect((await prod.http().get('/health')).status).toBe(200);
        await beat(0);
      } finally {
        await fast.close();
      }
    });

    it('a QUEUED report whose job Redis lost is queued again and compiled; a stale RUNNING one too', async () => {
      const q = app.api.get(QueueRegistry).get('reports');
      const compile = async (year: number) =>
        (
          await app.ok<any>(
            `mutation($i: CompileCapacityReportInput!) { compileCapacityReport(input: $i) { id } }`,
            { i: { year } },
            'secretariat@demo.dk',
          )
        ).compileCapacityReport.id as string;
      const queued = await compile(2024);
      const running = await compile(2023);
      for (const id of [queued, running]) {
        const job = await waitFor(() => q.getJob(jobIdOf('reports.compile', id)));
        await job.remove(); // what FLUSHDB or a Redis without persistence does
      }
      await app.db.query(`UPDATE report SET created_at = now() - interval '5 minutes' WHERE id = ANY($1::uuid[])`, [
        [queued, running],
      ]);
      await app.db.query(
        `UPDATE report SET status = 'RUNNING', run_id = gen_random_uuid(), started_at = now() - interval '4 minutes' WHERE id = $1`,
        [running],
      );
      const reporting = app.api.get(ReportingService);
      const requeued = await reporting.reconcileLostJobs();
      expect(requeued).toEqual(expect.arrayContaining([queued, running]));
      for (const id of [queued, running]) await waitFor(() => q.getJob(jobIdOf('reports.compile', id)));
      // Idempotent: jobs Redis holds are left alone.
      expect(await reporting.reconcileLostJobs()).not.toEqual(expect.arrayContaining([queued]));
      const audit = await app.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'report.requeue'`,
        [queued],
      );
      expect(audit[0].n).toBe(1);
      const worker = await createWorker(testConfig());
      try {
        const done = await waitFor(
          async () => {
            const rows = await app.db.query(
              `SELECT count(*)::int AS n FROM report WHERE id = ANY($1::uuid[]) AND status = 'DONE'`,
              [[queued, running]],
            );
            return rows[0].n === 2;
          },
          45000,
          250,
        );
        expect(done).toBe(true);
      } finally {
        await worker.close();
      }
    });

    it('repeatable jobs are re-registered when Redis lost them: on reconnect and by the periodic check', async () => {
      let worker: INestApplicationContext | null = null;
      try {
        worker = await createWorker(testConfig());
        const config = testConfig();
        const queues = worker.get(QueueRegistry);
        const all = schedules(config);
        expect(all.map((s) => s.name)).toEqual(
          expect.arrayContaining(['system.heartbeat', 'reports.reconcile', 'offers.expiry-sweep']),
        );
        const present = async () => {
          const found = await Promise.all(all.map((s) => queues.get(JOB_QUEUE[s.name]).getJobScheduler(s.name)));
          return found.filter(Boolean).length;
        };
        await waitFor(async () => (await present()) === all.length);
        // Redis loses them (as FLUSHDB does; flushing would hit other test runs sharing this Redis).
        for (const s of all) await queues.get(JOB_QUEUE[s.name]).removeJobScheduler(s.name);
        expect(await present()).toBe(0);
        // The queue connection coming back (ready) re-registers them.
        queues.get('system').getBackend().emit('ready');
        await waitFor(async () => (await present()) === all.length, 10000);
        // So does the periodic check, without any reconnect.
        await queues.get('offers').removeJobScheduler('offers.expiry-sweep');
        expect(await worker.get(Schedulers).ensure()).toBe(1);
        expect(await present()).toBe(all.length);
      } finally {
        await worker?.close();
      }
    });
  });

  describe('item 7: no field suggestions outside demo mode', () => {
    it('mutation{creatOffer} names no schema field for anonymous callers in production mode', async () => {
      const res = await prod
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: 'mutation { creatOffer }' });
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/creatOffer/);
      expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|createOffer/);
      const typo = await prod
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ regoins { code } }' });
      expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean|regions/);
    });

    it('the demo sandbox keeps its suggestions', async () => {
      const res = await app
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: 'mutation { creatOffer }' });
      expect(res.body.errors[0].message).toMatch(/Did you mean "createOffer"/);
    });
  });

  describe('item 8: security headers', () => {
    it('every response: CSP for a same-origin SPA without inline script, nosniff, frame-ancestors none, no X-Powered-By', async () => {
      for (const res of [
        await prod.http().get('/health'),
        await prod.http().post('/graphql').send({ query: '{ __typename }' }),
        await prod.http().get('/nothing-here'),
      ]) {
        const csp = res.headers['content-security-policy'];
        expect(csp).toMatch(/default-src 'self'/);
        expect(csp).toMatch(/script-src 'self'(;|$)/);
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
        expect(csp).toMatch(/img-src 'self' data:/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/object-src 'none'/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('evidence.csv is an attachment; error bodies are JSON labelled application/json', async () => {
      const token = await app.token(PLANNER_H);
      const p = await register({});
      const csv = await app
        .http()
        .get(`/pathways/${p.data.registerPathway.id}/evidence.csv`)
        .set('authorization', `Bearer ${token}`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="evidence-[A-Za-z0-9._-]+\.csv"$/);
      const fhir = await prod.http().get('/fhir/Slot');
      expect(fhir.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(fhir.body.resourceType).toBe('OperationOutcome');
      const errors = [
        await prod.http().get('/nothing-here'),
        await app.http().get('/pathways/not-a-uuid/evidence.csv').set('authorization', `Bearer ${token}`),
        await prod.http().post('/graphql').set('content-type', 'application/json').send('{"query": "{ me'),
        await prod.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ me { id } }' }),
      ];
      for (const res of errors) {
        expect(res.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
        expect(typeof res.body).toBe('object');
      }
    });

    it("the demo sandbox page keeps working (it loads Apollo's script), only in demo mode", async () => {
      const page = await app.http().get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBeUndefined();
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      const prodPage = await prod.http().get('/graphql').set('accept', 'text/html');
      expect(prodPage.headers['content-security-policy']).toMatch(/script-src 'self'/);
    });
  });

  describe('item 11: tokens need exp; real users need a strong password; the example secret does not start', () => {
    it('a correctly signed token without exp is UNAUTHENTICATED; the same claims with exp pass', async () => {
      const [user] = await app.db.query(`SELECT id FROM app_user WHERE email = $1`, [PLANNER_H]);
      const claims = { sub: user.id, email: PLANNER_H, role: 'PLANNER', region: 1084, areas: [] };
      const signer = new JwtService({ secret: 'test-secret-test-secret-test-secret-123' });
      const me = (token: string) =>
        app
          .http()
          .post('/graphql')
          .set('authorization', `Bearer ${token}`)
          .send({ query: '{ me { email } }' })
          .then((r) => r.body);
      const forever = await me(await signer.signAsync(claims));
      expect(forever.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(forever.data).toBeNull();
      const bounded = await me(await signer.signAsync(claims, { expiresIn: '5m' }));
      expect(bounded.data.me.email).toBe(PLANNER_H);
      const fhir = await app
        .http()
        .get('/fhir/Slot')
        .set('authorization', `Bearer ${await signer.signAsync(claims)}`);
      expect(fhir.status).toBe(401);
    });

    it('createUser (the CLI path) refuses passwords under 12 characters and common ones', async () => {
      const base = { email: `real.${Date.now()}@rh.dk`, displayName: 'Real', role: Role.PLANNER, regionCode: 1084 };
      for (const password of ['demo', 'elleve-tegn', 'password1234', 'qwertyuiopas', '123456789012']) {
        await expect(app.db.transaction((m) => createUser(m, { ...base, password }))).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'password',
        });
      }
      const u = await app.db.transaction((m) => createUser(m, { ...base, password: 'fire lange ord om kapacitet' }));
      expect(u.email).toBe(base.email);
    });
  });

  describe('item 10: instants and dates are strict and bounded', () => {
    it.each(['2027-02-30T10:00:00Z', '2027-06-01T10:00:00', '2027-06-01', '2027-06-01T25:00:00Z'])(
      'publishSlots starts %p → BAD_USER_INPUT, nothing stored',
      async (start) => {
        const providerId = await app.providerId('rh-herlev-hospital');
        const before = await app.db.query(`SELECT count(*)::int AS n FROM slot`);
        const res = await app.gql(
          PUBLISH,
          { i: { providerId, cancerArea: 'BREAST', modality: 'SURGERY', starts: [start], durationMinutes: 60 } },
          PLANNER_H,
        );
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions!.field).toBe('starts');
        expect(res.data?.publishSlots ?? null).toBeNull();
        expect((await app.db.query(`SELECT count(*)::int AS n FROM slot`))[0].n).toBe(before[0].n);
        // The same value written inline in the query is refused as well.
        const inline = await app.gql(
          `mutation { publishSlots(input: {providerId: "${providerId}", cancerArea: BREAST, modality: SURGERY, starts: ["${start}"], durationMinutes: 60}) { id } }`,
          {},
          PLANNER_H,
        );
        expect(codeOf(inline)).toBe('BAD_USER_INPUT');
      },
    );

    it('an instant with an explicit offset is read with that offset', async () => {
      const providerId = await app.providerId('rh-herlev-hospital');
      const year = Number(today.slice(0, 4)) + 1;
      const res = await app.ok<any>(
        PUBLISH,
        {
          i: {
            providerId,
            cancerArea: 'BREAST',
            modality: 'SURGERY',
            starts: [`${year}-08-12T12:00:00+02:00`],
            durationMinutes: 60,
          },
        },
        PLANNER_H,
      );
      expect(res.publishSlots[0].starts).toBe(`${year}-08-12T10:00:00.000Z`);
    });

    it('clockStart 1900-01-01 or older than 2 years → BAD_USER_INPUT on clockStart', async () => {
      for (const clockStart of ['1900-01-01', addDays(today, -800), addDays(today, 1)]) {
        const res = await register({ clockStart });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions!.field).toBe('clockStart');
      }
      expect((await register({ clockStart: addDays(today, -700) })).errors).toBeUndefined();
    });

    it('expectedDate 9999-12-31 → BAD_USER_INPUT on expectedDate (register and update)', async () => {
      const res = await register({ expectedDate: '9999-12-31' });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe('expectedDate');
      const p = await register({ expectedDate: addDays(today, 30) });
      const upd = await app.gql(
        UPDATE,
        { i: { pathwayId: p.data.registerPathway.id, expectedDate: '9999-12-31' } },
        PLANNER_H,
      );
      expect(codeOf(upd)).toBe('BAD_USER_INPUT');
      expect(upd.errors![0].extensions!.field).toBe('expectedDate');
    });

    it('a pause to 9999-12-31 or longer than a year → BAD_USER_INPUT on to', async () => {
      const p = await register({});
      const id = p.data.registerPathway.id;
      for (const to of ['9999-12-31', addDays(today, 367)]) {
        const res = await app.gql(PAUSE, { i: { pathwayId: id, from: today, to, reason: 'HEALTH' } }, PLANNER_H);
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions!.field).toBe('to');
      }
      expect(
        (
          await app.gql(
            PAUSE,
            { i: { pathwayId: id, from: today, to: addDays(today, 366), reason: 'HEALTH' } },
            PLANNER_H,
          )
        ).errors,
      ).toBeUndefined();
    });
  });
});
