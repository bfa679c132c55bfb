import { addWorkingDays, todayInCopenhagen } from '../libs/deadline/src';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { QueryCounter, SYSTEM_ACTOR } from '../libs/core/src';
import { MatchingService } from '../libs/matching/src/matching.service';
import { EarlyWarningService } from '../libs/pathways/src/early-warning.service';
import { generatePathways, generateSlots } from './dataset';
import { loadGenerator, percentile, prng, round, runStandalone, withBenchEnv } from './env';
import type { BenchResult } from './types';

/*
 * The national data set (≈219k slots at 135 providers, 50k open pathways) and the hot paths of issues #6–#8:
 * the early-warning sweep, matchCandidates through GraphQL vs the service call it makes, and createOffer under 50 concurrent planners.
 */
const PATHWAYS = 50_000;
const MATCH_REQUESTS = 200;
const OFFERS = 300;
const CONCURRENCY = 50;

const MATCH = `query($id: ID!) { matchCandidates(pathwayId: $id, limit: 10) { rank slotId meetsDeadline distanceKm reasons provider { name } } }`;
const OFFER = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id status } }`;

/** BENCH_EXCHANGE_PARTS=sweep,match,offers (default all) runs a subset. */
const PARTS = new Set((process.env.BENCH_EXCHANGE_PARTS ?? 'sweep,match,allocation,offers').split(','));

export async function run(): Promise<BenchResult[]> {
  return withBenchEnv(async ({ db, api, url, login, gql, databaseUrl }) => {
    const slots = await generateSlots(db);
    await generatePathways(db, PATHWAYS);
    const results: BenchResult[] = [];
    const dataNote = `${slots.slots.toLocaleString('en-US')} slots, ${PATHWAYS.toLocaleString('en-US')} pathways`;
    if (PARTS.has('sweep')) results.push(...(await sweepPart(api!)));
    if (PARTS.has('match')) results.push(...(await matchPart(db, api, login, gql, dataNote)));
    if (PARTS.has('allocation')) results.push(...(await allocationPart(db, login, gql)));
    if (PARTS.has('offers')) results.push(...(await offersPart(db, login, url, databaseUrl)));
    return results;
  });
}

async function sweepPart(
  api: NonNullable<Parameters<Parameters<typeof withBenchEnv>[0]>[0]['api']>,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // #6: the sweep is one INSERT … SELECT; memory should not grow with the number of pathways.
  const sweep = api.get(EarlyWarningService, { strict: false });
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const swept = await sweep.sweep(todayInCopenhagen());
  const sweepMs = performance.now() - t0;
  const rssDelta = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  const again = await sweep.sweep(todayInCopenhagen());
  results.push({
    issue: '#6 pathways',
    name: `early-warning sweep over ${PATHWAYS.toLocaleString('en-US')} open pathways`,
    value: round(sweepMs),
    unit: 'ms',
    target: '<= 10000 ms',
    pass: sweepMs <= 10_000,
    note: `${swept.raised} warnings raised (deadline <= ${swept.horizon}); second run raised ${again.raised}; RSS change ${round(rssDelta)} MB`,
  });
  return results;
}

type Env = Parameters<Parameters<typeof withBenchEnv>[0]>[0];

async function matchPart(
  db: Client,
  api: Env['api'],
  login: Env['login'],
  gql: Env['gql'],
  dataNote: string,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // #7: matchCandidates for random pathways, over HTTP GraphQL and as the in-process service call behind it
  // (its SQL plus cached reference lookups), so the ratio is what the API layer adds.
  const secretariat = await login('secretariat@demo.dk');
  const random = prng(7);
  const sample: { id: string }[] = (
    await db.query(`SELECT p.id FROM pathway p WHERE p.reference LIKE 'BENCH-%' ORDER BY p.reference LIMIT 2000`)
  ).rows;
  const matching = api!.get(MatchingService, { strict: false });
  const pick = () => sample[Math.floor(random() * sample.length)];
  for (let i = 0; i < 20; i++) await gql(secretariat, MATCH, { id: pick().id });
  const apiTimes: number[] = [];
  const serviceTimes: number[] = [];
  for (let i = 0; i < MATCH_REQUESTS; i++) {
    const p = pick();
    let t = performance.now();
    await gql(secretariat, MATCH, { id: p.id });
    apiTimes.push(performance.now() - t);
    t = performance.now();
    await matching.candidates(SYSTEM_ACTOR, p.id, 10, false);
    serviceTimes.push(performance.now() - t);
  }
  apiTimes.sort((a, b) => a - b);
  serviceTimes.sort((a, b) => a - b);
  const apiP95 = percentile(apiTimes, 95);
  const serviceP95 = percentile(serviceTimes, 95);
  results.push({
    issue: '#7 matching',
    name: `matchCandidates(limit 10) over HTTP GraphQL, p95 of ${MATCH_REQUESTS}`,
    value: round(apiP95),
    unit: 'ms',
    target: '<= 50 ms',
    pass: apiP95 <= 50,
    note: `p50 ${round(percentile(apiTimes, 50))} ms; ${dataNote}`,
  });
  results.push({
    issue: '#7 matching',
    name: 'matchCandidates p95 ratio: API / service call in process',
    value: round(apiP95 / serviceP95),
    unit: 'x',
    target: '<= 3x',
    pass: apiP95 / serviceP95 <= 3,
    note: `service call p95 ${round(serviceP95)} ms, p50 ${round(percentile(serviceTimes, 50))} ms`,
  });
  return results;
}

/**
 * Issue #20: proposeAllocation(LUNG) and meetingAgenda(LUNG) with its proposal, end to end through GraphQL on the
 * national data set (the solver runs in the api's worker threads). Median of 3 after one warm-up.
 */
async function allocationPart(db: Client, login: Env['login'], gql: Env['gql']): Promise<BenchResult[]> {
  const token = await login('secretariat@demo.dk');
  const size = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM pathway WHERE cancer_area = 'LUNG' AND status = 'WAITING' AND at_risk) AS pathways,
              (SELECT count(*)::int FROM slot WHERE cancer_area = 'LUNG' AND status = 'FREE' AND starts_at > now()) AS slots`,
    )
  ).rows[0];
  const PROPOSE = `query { proposeAllocation(input: {cancerArea: LUNG}) { totals { pathways slots placed placedInTime } } }`;
  const AGENDA = `query($d: LocalDate!) { meetingAgenda(cancerArea: LUNG, date: $d) { freeSlotsAbroad proposal { totals { placed } } regions { regionCode } } }`;
  const time = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<{ ms: number; data: T }> => {
    await gql(token, query, variables);
    const ts: number[] = [];
    let data: unknown;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      data = await gql(token, query, variables);
      ts.push(performance.now() - t);
    }
    ts.sort((a, b) => a - b);
    return { ms: ts[1], data: data as T };
  };
  type Totals = { pathways: number; slots: number; placed: number; placedInTime: number };
  let propose: { ms: number; data: { proposeAllocation: { totals: Totals } } };
  let agenda: { ms: number; data: { meetingAgenda: { proposal: { totals: Totals } } } };
  try {
    propose = await time<{ proposeAllocation: { totals: Totals } }>(PROPOSE);
    agenda = await time<{ meetingAgenda: { proposal: { totals: Totals } } }>(AGENDA, { d: todayInCopenhagen() });
  } catch (err) {
    return [
      {
        issue: '#20 allocation',
        name: 'proposeAllocation(LUNG) end to end through GraphQL, national data set',
        value: NaN,
        unit: 'ms',
        target: '<= 1000 ms',
        pass: false,
        note: `failed: ${String((err as Error).message).slice(0, 200)}`,
      },
    ];
  }
  const t = propose.data.proposeAllocation.totals;
  return [
    {
      issue: '#20 allocation',
      name: 'proposeAllocation(LUNG) end to end through GraphQL, national data set (median of 3)',
      value: round(propose.ms),
      unit: 'ms',
      target: '<= 1000 ms',
      pass: propose.ms <= 1000,
      note: `${size.pathways} at-risk pathways, ${size.slots} free LUNG slots; proposal over ${t.pathways} pathways x ${t.slots} slots: ${t.placed} placed, ${t.placedInTime} in time; solver in worker threads`,
    },
    {
      issue: '#20 allocation',
      name: 'meetingAgenda(LUNG, today) with its proposal through GraphQL (median of 3)',
      value: round(agenda.ms),
      unit: 'ms',
      target: '<= 1500 ms',
      pass: agenda.ms <= 1500,
      note: `${agenda.data.meetingAgenda.proposal.totals.placed} placed in the proposal`,
    },
  ];
}

async function offersPart(db: Client, login: Env['login'], url: string, databaseUrl: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // #8: 50 planners of the five regions making offers at once (a closed loop), each offer on its own pathway and slot.
  const tokens = new Map<number, string>();
  for (const r of (await db.query(`SELECT code, slug FROM region WHERE code BETWEEN 1081 AND 1085`)).rows) {
    tokens.set(r.code, await login(`planner.${r.slug}@demo.dk`));
  }
  const pairs: { pathway: string; slot: string; region: number }[] = (
    await db.query(
      `WITH pw AS (
           SELECT p.id, p.region_code, p.cancer_area, p.modality, row_number() OVER (PARTITION BY p.cancer_area, p.modality ORDER BY p.id) AS n
             FROM pathway p WHERE p.status = 'WAITING' AND p.reference LIKE 'BENCH-%'
         ), sl AS (
           SELECT s.id, s.cancer_area, s.modality, s.region_code,
                  row_number() OVER (PARTITION BY s.cancer_area, s.modality ORDER BY s.starts_at, s.id) AS n
             FROM slot s WHERE s.status = 'FREE' AND s.provider_kind = 'PUBLIC' AND s.starts_at > now() + interval '2 days'
         )
         SELECT pw.id AS pathway, sl.id AS slot, pw.region_code AS region
           FROM pw JOIN sl ON sl.cancer_area = pw.cancer_area AND sl.modality = pw.modality AND sl.n = pw.n
          WHERE effective_region(sl.region_code, current_date) <> effective_region(pw.region_code, current_date)
          ORDER BY pw.n, pw.id LIMIT $1`,
      [CONCURRENCY + 2 * OFFERS],
    )
  ).rows;
  const offerTimes: number[] = [];
  let failures = 0;
  let firstError = '';
  let apiWall: number;
  const load = loadGenerator(url);
  const request = (x: { pathway: string; slot: string; region: number }) => ({
    token: tokens.get(x.region)!,
    query: OFFER,
    variables: { i: { pathwayId: x.pathway, slotId: x.slot } },
  });
  // Warm-up round (JIT, connection pools), not measured; it also records the SQL createOffer sends, which the raw
  // floor below replays (the one read statement and the one write statement).
  const warm = pairs.splice(0, CONCURRENCY);
  const sent = new Set<string>();
  const stopListening = QueryCounter.listen((sql) => sent.add(sql));
  await load.run(warm.map(request), CONCURRENCY);
  stopListening();
  const offerSql = {
    read: [...sent].find((q) => q.includes('AS pathway') && q.includes('LEFT JOIN LATERAL')),
    write: [...sent].find((q) => q.includes('WITH unchanged AS')),
  };
  if (!offerSql.read || !offerSql.write)
    throw new Error(`createOffer did not send the statements the raw floor replays: ${[...sent].join(' | ')}`);
  // The api's main thread: how much of the measured run it was busy (event-loop utilisation), i.e. its CPU per offer.
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = mainThreadCpuMs();
  const process0 = process.cpuUsage();
  const machine0 = machineCpuMs();
  try {
    const { results: res, wallMs } = await load.run(pairs.slice(0, OFFERS).map(request), CONCURRENCY);
    apiWall = wallMs;
    for (const r of res) {
      if (r.error) {
        failures++;
        firstError ||= r.error;
      } else offerTimes.push(r.ms);
    }
  } finally {
    await load.close();
  }
  const elu = performance.eventLoopUtilization(elu0);
  const cpuPerOffer = (mainThreadCpuMs() - cpu0) / OFFERS;
  const processCpu = process.cpuUsage(process0);
  const processPerOffer = (processCpu.user + processCpu.system) / 1000 / OFFERS;
  const machinePerOffer = (machineCpuMs() - machine0) / OFFERS;
  offerTimes.sort((a, b) => a - b);
  const offerP95 = percentile(offerTimes, 95);
  const raw = await rawOfferRounds(
    databaseUrl,
    { read: offerSql.read, write: offerSql.write },
    pairs.slice(OFFERS, 2 * OFFERS),
  );
  const double = (
    await db.query(
      `SELECT count(*)::int AS n FROM (SELECT slot_id FROM offer WHERE status = 'PENDING' GROUP BY slot_id HAVING count(*) > 1) d`,
    )
  ).rows[0].n;
  const apiRate = (offerTimes.length / apiWall) * 1000;
  results.push({
    issue: '#8 offers',
    name: `createOffer with ${CONCURRENCY} concurrent planners on different slots, p95`,
    value: round(offerP95),
    unit: 'ms',
    target: '<= 100 ms',
    pass: offerP95 <= 100 && failures === 0,
    note: `${offerTimes.length} offers by ${CONCURRENCY} clients in a closed loop, ${failures} failed${firstError ? ` (${firstError.slice(0, 120)})` : ''}; p50 ${round(percentile(offerTimes, 50))} ms; expiry dates ${addWorkingDays(todayInCopenhagen(), 3)}`,
  });
  results.push({
    issue: '#20 offers',
    name: `createOffer p95 ratio: GraphQL / the same statements as raw SQL, ${CONCURRENCY} concurrent clients`,
    value: round(offerP95 / raw.p95),
    unit: 'x',
    target: '<= 2x',
    pass: offerP95 / raw.p95 <= 2,
    note: `raw SQL p95 ${round(raw.p95)} ms, p50 ${round(raw.p50)} ms (${raw.count} offers, ${CONCURRENCY} clients in a closed loop on a pool of ${CONCURRENCY} connections: the one read statement, then the one write statement — what createOffer sends)`,
  });
  results.push({
    issue: '#20 offers',
    name: `createOffer throughput through GraphQL, ${CONCURRENCY} concurrent planners`,
    value: Math.round(apiRate),
    unit: 'offers/s',
    target: '>= 300 offers/s, 0 double bookings',
    pass: apiRate >= 300 && double === 0 && failures === 0,
    note: `${double} slots with two pending offers; raw SQL ${Math.round(raw.rate)} offers/s; the api's main thread busy ${round(elu.active / offerTimes.length)} ms per offer (${Math.round(elu.utilization * 100)}% of the run), of which CPU ${round(cpuPerOffer)} ms; CPU of the whole machine ${round(machinePerOffer)} ms per offer: the api's thread ${round(cpuPerOffer)}, the rest of this process (load generator thread, GC) ${round(processPerOffer - cpuPerOffer)}, other processes (PostgreSQL, Redis) ${round(machinePerOffer - processPerOffer)}`,
  });
  return results;
}

/**
 * CPU time of this process's main thread (the api's event loop) in ms, from Linux's per-thread counters (10 ms
 * ticks): unlike wall time, it does not grow when other processes take the cores.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** CPU time of all cores in ms (user, nice, system, irq, softirq, steal; not idle or iowait), from /proc/stat. */
function machineCpuMs(): number {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [, user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
  } catch {
    return NaN;
  }
}

interface OfferSlotRow {
  id: string;
  provider_id: string;
  provider_kind: string;
  country: string;
  starts_at: Date;
  slot_date: string;
}

/**
 * The statements createOffer sends (OffersService.create, recorded in the warm-up round), as raw SQL, CONCURRENCY
 * clients in a closed loop on a pool of CONCURRENCY connections, in the same pattern: the one read, then the one
 * write statement. The floor the API is compared with.
 */
async function rawOfferRounds(
  databaseUrl: string,
  sql: { read: string; write: string },
  pairs: { pathway: string; slot: string; region: number }[],
) {
  const pool = new Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  const times: number[] = [];
  let wall: number;
  try {
    const one = async (x: { pathway: string; slot: string; region: number }) => {
      const t = performance.now();
      const [read] = (
        await pool.query<{ pathway: Record<string, unknown> } & OfferSlotRow>(sql.read, [x.pathway, x.slot])
      ).rows;
      const row = read.pathway;
      const pathway = {
        id: row.id as string,
        region_code: row.region_code as number,
        cancer_area: row.cancer_area as string,
        modality: row.modality as string,
        deadline: row.deadline as string,
        version: row.version as number,
      };
      const slot = read;
      const now = new Date();
      const id = randomUUID();
      const expiresAt = new Date(Math.min(now.getTime() + 3 * 86_400_000, slot.starts_at.getTime()));
      const offer = {
        id,
        pathway_id: pathway.id,
        slot_id: slot.id,
        status: 'PENDING',
        region_code: pathway.region_code,
        cancer_area: pathway.cancer_area,
        modality: pathway.modality,
        provider_id: slot.provider_id,
        provider_kind: slot.provider_kind,
        provider_country: slot.country,
        slot_starts_at: slot.starts_at,
        slot_date: slot.slot_date,
        deadline_at_offer: pathway.deadline,
        offered_at: now,
        offered_on: now.toISOString().slice(0, 10),
        expires_at: expiresAt,
        made_by: null,
      };
      const audit = [
        ['slot.hold', 'slot', slot.id, { status: 'FREE' }, { status: 'HELD', offerId: id }],
        ['pathway.offered', 'pathway', pathway.id, pathway, { ...pathway, status: 'OFFERED' }],
        ['offer.create', 'offer', id, null, offer],
      ].map(([action, entity_type, entity_id, before, after]) => ({
        actor_id: null,
        actor_label: 'bench',
        action,
        entity_type,
        entity_id,
        before,
        after,
      }));
      const outbox = {
        queue: 'offers',
        job_name: 'offers.expire',
        payload: { offerId: id },
        job_id: `offers.expire__${id}`,
        run_at: expiresAt,
      };
      const [res] = (
        await pool.query<{ held: number; moved: number }>(sql.write, [
          slot.id,
          JSON.stringify(offer),
          pathway.id,
          now,
          JSON.stringify(audit),
          JSON.stringify(outbox),
          x.region,
          pathway.version,
        ])
      ).rows;
      if (res.held !== 1 || res.moved !== 1) throw new Error('raw offer lost its slot or pathway');
      times.push(performance.now() - t);
    };
    // Open the pool's connections first (the api's pool is warm too), so their start-up is not in the figures.
    const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.connect()));
    for (const c of clients) c.release();
    // The same closed loop as the api's load: CONCURRENCY clients, each starting its next offer when one is done.
    let next = 0;
    const client = async () => {
      while (next < pairs.length) await one(pairs[next++]);
    };
    const t = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    wall = performance.now() - t;
  } finally {
    await pool.end();
  }
  times.sort((a, b) => a - b);
  return {
    p95: percentile(times, 95),
    p50: percentile(times, 50),
    count: times.length,
    rate: (times.length / wall) * 1000,
  };
}

runStandalone(module, run);
