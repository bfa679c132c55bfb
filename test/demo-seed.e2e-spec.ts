import { computeDeadline, type Phase, todayInCopenhagen } from '@app/deadline';
import { Client } from 'pg';
import { prepareDatabase } from '../scripts/prepare';

const services = require('../scripts/services.js');

/** The demo's jobs go to a prefix of their own: no other test file's worker may run them on its database. */
const DEMO_QUEUE = { redisUrl: process.env.CX_TEST_REDIS_URL!, prefix: `${process.env.CX_TEST_QUEUE_PREFIX}_demo` };

describe('npm start demo data (prepareDatabase in demo mode)', () => {
  const name = `cx_demo_${Date.now().toString(36)}`;
  let url: string;
  let db: Client;
  let loadMs: number;
  const today = todayInCopenhagen();
  const lastYear = Number(today.slice(0, 4)) - 1;
  const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];

  beforeAll(async () => {
    url = await services.createDatabase(process.env.CX_TEST_SERVER_URL, name);
    const t0 = Date.now();
    const first = await prepareDatabase(url, true, DEMO_QUEUE);
    loadMs = Date.now() - t0;
    // Measured, not asserted (performance targets live in bench/): the README promises ≤ 10 s.
    console.log(`demo data (migrations + users + providers + a year of activity) loaded in ${loadMs} ms`);
    expect(first.logins).toContain('planner.hovedstaden@demo.dk / demo  (PLANNER)');
    await prepareDatabase(url, true, DEMO_QUEUE);
    db = new Client({ connectionString: url });
    await db.connect();
  }, 120000);
  afterAll(async () => {
    await db.end();
    await services.dropDatabase(process.env.CX_TEST_SERVER_URL, name);
  });

  it('seeds users and providers, a year of history and the present — once, however often it runs', async () => {
    const [c] = await q(`SELECT (SELECT count(*) FROM app_user)::int u, (SELECT count(*) FROM provider)::int p,
      (SELECT count(*) FROM slot WHERE status = 'FREE' AND starts_at > now())::int s, (SELECT count(*) FROM pathway)::int pw,
      (SELECT count(*) FROM pathway WHERE at_risk)::int r, (SELECT count(*) FROM offer)::int o, (SELECT count(*) FROM early_warning)::int w,
      (SELECT count(*) FROM meeting_decision)::int d, (SELECT count(*) FROM audit_log WHERE action = 'demo.seed')::int seeds`);
    expect(c).toMatchObject({ u: 14, p: 35, seeds: 1 });
    expect(c.s).toBeGreaterThan(100);
    expect(c.r).toBeGreaterThan(5);
    expect(c.pw).toBeGreaterThan(1000);
    expect(c.o).toBeGreaterThan(400);
    expect(c.w).toBeGreaterThan(50);
    expect(c.d).toBeGreaterThan(100);
    const fresh = await q(
      `SELECT status, provider_kind, decline_reason FROM offer WHERE offered_on = $1 ORDER BY status`,
      [today],
    );
    expect(fresh).toEqual([
      { status: 'ACCEPTED', provider_kind: 'PUBLIC', decline_reason: null },
      { status: 'DECLINED', provider_kind: 'FOREIGN', decline_reason: 'ABROAD' },
    ]);
  });

  it('every month of last year has capacity, offers, answers, warnings and decisions, with dips in July and at Christmas', async () => {
    const months = await q<{
      m: string;
      offers: number;
      slots: number;
      accepted: number;
      declined: number;
      warnings: number;
      decisions: number;
    }>(
      `SELECT to_char(d, 'YYYY-MM') m,
              (SELECT count(*) FROM offer WHERE date_trunc('month', offered_on) = d)::int offers,
              (SELECT count(*) FROM slot WHERE date_trunc('month', slot_date) = d)::int slots,
              (SELECT count(*) FROM offer WHERE date_trunc('month', offered_on) = d AND status = 'ACCEPTED')::int accepted,
              (SELECT count(*) FROM offer WHERE date_trunc('month', offered_on) = d AND status = 'DECLINED')::int declined,
              (SELECT count(*) FROM early_warning WHERE date_trunc('month', raised_on) = d)::int warnings,
              (SELECT count(*) FROM meeting_decision md JOIN meeting mt ON mt.id = md.meeting_id WHERE date_trunc('month', mt.meeting_date) = d)::int decisions
         FROM generate_series($1::date, $1::date + interval '11 months', interval '1 month') d ORDER BY d`,
      [`${lastYear}-01-01`],
    );
    expect(months).toHaveLength(12);
    for (const m of months) {
      expect([m.m, m.offers > 0 && m.slots > 0 && m.accepted > 0 && m.declined > 0 && m.warnings > 0]).toEqual([
        m.m,
        true,
      ]);
      if (!m.m.endsWith('-07')) expect([m.m, m.decisions > 0]).toEqual([m.m, true]);
    }
    const by = (mm: string) => months.find((x) => x.m === `${lastYear}-${mm}`)!;
    const ordinary = (by('05').offers + by('09').offers) / 2;
    expect(by('07').offers).toBeLessThan(ordinary * 0.65);
    expect(by('12').offers).toBeLessThan(ordinary * 0.9);
  });

  it('varied distances and provider kinds: acceptance falls with distance', async () => {
    const kinds = await q(`SELECT provider_kind k, count(*)::int n FROM offer GROUP BY 1 ORDER BY 1`);
    expect(kinds.map((k) => k.k)).toEqual(['FOREIGN', 'PRIVATE', 'PUBLIC']);
    for (const k of kinds) expect(k.n).toBeGreaterThan(30);
    const bands = await q<{ band: number; n: number; share: number }>(
      `WITH d AS (
         SELECT o.status, 2 * 6371 * asin(sqrt(sin(radians(p.lat - m.lat) / 2) ^ 2 + cos(radians(m.lat)) * cos(radians(p.lat)) * sin(radians(p.lon - m.lon) / 2) ^ 2)) AS km
           FROM offer o JOIN pathway pw ON pw.id = o.pathway_id JOIN municipality m ON m.code = pw.home_municipality_code JOIN provider p ON p.id = o.provider_id
          WHERE o.status IN ('ACCEPTED','DECLINED'))
       SELECT CASE WHEN km < 100 THEN 0 WHEN km < 250 THEN 1 ELSE 2 END band, count(*)::int n,
              round(avg((status = 'ACCEPTED')::int), 3)::float share
         FROM d GROUP BY 1 ORDER BY 1`,
    );
    expect(bands).toHaveLength(3);
    for (const b of bands) expect(b.n).toBeGreaterThan(30);
    expect(bands[0].share).toBeGreaterThan(bands[1].share);
    expect(bands[1].share).toBeGreaterThan(bands[2].share);
    // Offers record the own region's expected date at the time, so "days gained" has something to count.
    const [g] = await q(
      `SELECT count(expected_date_at_offer)::int n, avg(expected_date_at_offer - slot_date)::float gained FROM offer WHERE status = 'ACCEPTED'`,
    );
    expect(g.n).toBeGreaterThan(100);
    expect(g.gained).toBeGreaterThan(0);
  });

  it('a closed sample audit of last year with a finding for every sampled pathway, in every region stratum', async () => {
    const audits = await q(`SELECT a.status, a.seed::int seed, a.population, jsonb_array_length(a.strata) strata,
      (SELECT count(*) FROM sample_audit_pathway sp WHERE sp.audit_id = a.id)::int sampled,
      (SELECT count(*) FROM sample_audit_pathway sp WHERE sp.audit_id = a.id AND sp.finding IS NULL)::int open,
      (SELECT count(DISTINCT sp.region_code) FROM sample_audit_pathway sp WHERE sp.audit_id = a.id)::int regions
      FROM sample_audit a`);
    expect(audits).toHaveLength(1);
    const [a] = audits;
    expect(a).toMatchObject({ status: 'CLOSED', seed: 20260611, open: 0 });
    expect(a.regions).toBe(a.strata);
    expect(a.sampled).toBeGreaterThanOrEqual(a.strata);
  });

  it('every demo row has its audit trail (no raw rows that bypass the audit log)', async () => {
    const [gaps] = await q(`SELECT
      (SELECT count(*) FROM pathway p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'pathway' AND a.entity_id = p.id::text AND a.action = 'pathway.register'))::int pathways,
      (SELECT count(*) FROM offer o WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'offer' AND a.entity_id = o.id::text AND a.action = 'offer.create'))::int offers,
      (SELECT count(*) FROM offer o WHERE o.status <> 'PENDING' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'offer' AND a.entity_id = o.id::text AND a.action = 'offer.' || lower(o.status)))::int answers,
      (SELECT count(*) FROM slot s WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'slot' AND a.entity_id = s.id::text AND a.action = 'slot.publish'))::int slots,
      (SELECT count(*) FROM early_warning w WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'pathway' AND a.entity_id = w.pathway_id::text AND a.action = 'pathway.early-warning'))::int warnings,
      (SELECT count(*) FROM meeting_decision d WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'meeting' AND a.entity_id = d.meeting_id::text AND a.action = 'meeting.decision'))::int decisions,
      (SELECT count(*) FROM pathway WHERE status = 'TREATED' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'pathway' AND a.entity_id = pathway.id::text AND a.action = 'pathway.treated'))::int treated`);
    expect(gaps).toEqual({ pathways: 0, offers: 0, answers: 0, slots: 0, warnings: 0, decisions: 0, treated: 0 });
    // The audit rows carry the time the change happened, so a pathway's trail reads in order.
    const [{ early }] = await q(
      `SELECT count(*)::int early FROM audit_log WHERE action = 'offer.create' AND at < $1::date - interval '300 days'`,
      [today],
    );
    expect(early).toBeGreaterThan(0);
  });

  it("the present is made through the services: each change with the services' own audit rows and outbox jobs", async () => {
    const [present] = await q<Record<string, number>>(
      `SELECT (SELECT count(*) FROM slot WHERE status IN ('FREE','BOOKED') AND starts_at > now())::int slots,
              (SELECT count(*) FROM audit_log WHERE action = 'slot.publish' AND at >= $1::date)::int published,
              (SELECT count(*) FROM pathway WHERE status IN ('WAITING','OFFERED','SCHEDULED') AND clock_start >= $1::date - 19)::int pathways,
              (SELECT count(*) FROM audit_log WHERE action = 'pathway.register' AND at >= $1::date)::int registered,
              (SELECT count(*) FROM audit_log WHERE action IN ('offer.create', 'offer.accepted', 'offer.declined') AND at >= $1::date)::int answered,
              (SELECT count(*) FROM audit_log WHERE action = 'pathway.update' AND at >= $1::date AND after ? 'maxTravelKm')::int preferences,
              (SELECT count(*) FROM outbox WHERE job_name = 'offers.expire')::int expiry_jobs,
              (SELECT count(*) FROM outbox WHERE job_name = 'pathways.early-warning')::int sweeps`,
      [today],
    );
    expect(present.published).toBe(present.slots);
    expect(present.registered).toBe(40);
    expect(present.pathways).toBeGreaterThanOrEqual(40);
    expect(present.answered).toBe(4);
    expect(present.preferences).toBeGreaterThan(10);
    expect(present).toMatchObject({ expiry_jobs: 2, sweeps: 1 });
    // Last year's sample audit went through SampleAuditsService on the days the clock was set to.
    const [audit] = await q(
      `SELECT a.status, a.as_of::text, a.closed_at < $1::date AS closed_in_the_past,
              (SELECT count(*) FROM sample_audit_pathway p WHERE p.audit_id = a.id AND p.finding IS NOT NULL)::int assessed,
              (SELECT count(*) FROM audit_log l WHERE l.entity_id = a.id::text AND l.action LIKE 'sample_audit.%')::int audited
         FROM sample_audit a`,
      [today],
    );
    expect(audit).toMatchObject({ status: 'CLOSED', as_of: `${lastYear}-08-15`, closed_in_the_past: true });
    expect(audit.audited).toBe(audit.assessed + 2);
  });

  it('deterministic: a second database gets the same demo', async () => {
    const other = `${name}_b`;
    const url2 = await services.createDatabase(process.env.CX_TEST_SERVER_URL, other);
    try {
      await prepareDatabase(url2, true, DEMO_QUEUE);
      const db2 = new Client({ connectionString: url2 });
      await db2.connect();
      try {
        // (The present's ids are the services' own; the history's are the generator's.)
        const fingerprint = `SELECT md5(string_agg(concat_ws('|', o.status, o.offered_on, o.decline_reason, o.provider_kind, o.slot_starts_at, p.reference, p.deadline, p.treated_on),
                                                   ',' ORDER BY p.reference, o.offered_on, o.slot_starts_at)) f
                               FROM offer o JOIN pathway p ON p.id = o.pathway_id`;
        expect((await db2.query(fingerprint)).rows[0].f).toBe((await db.query(fingerprint)).rows[0].f);
      } finally {
        await db2.end();
      }
    } finally {
      await services.dropDatabase(process.env.CX_TEST_SERVER_URL, other);
    }
  }, 120000);

  it('every demo deadline is the one libs/deadline computes', async () => {
    const pauses = await q(`SELECT pathway_id, from_date::text "from", to_date::text "to", reason FROM pathway_pause`);
    const rows = await q(`SELECT id, phase, clock_start::text c, deadline::text d FROM pathway`);
    for (const r of rows) {
      const ps = pauses.filter((p) => p.pathway_id === r.id).map(({ from, to, reason }) => ({ from, to, reason }));
      expect(r.d).toBe(computeDeadline({ phase: r.phase as Phase, clockStart: r.c, pauses: ps }).deadline);
    }
  });
});
