import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApi } from '../apps/api/src/bootstrap';
import { loadConfig } from '../libs/core/src';
import { addDays, todayInCopenhagen } from '../libs/deadline/src';
import { prepareDatabase } from '../scripts/prepare';
import type { BenchResult } from './types';

/*
 * Capacity browsing and publishing through real HTTP GraphQL: a database of ≥ 200,000 slots at ≥ 120 providers,
 * the `slots` page a planner opens (area + modality + one week, first 50) and a 500-slot publishSlotSeries.
 */

const ISSUE = '#5 capacity';
const EXTRA_PROVIDERS = 100;
const DAYS = 180;
const HOURS = [8, 9, 10, 11, 12, 13, 14, 15, 16];
const WARM_UP = 30;
const REQUESTS = 300;
const SERIES_RUNS = 5;
const TARGET_SLOTS_P95_MS = 30;
const TARGET_SERIES_MS = 1000;
const AREAS = ['BREAST', 'LUNG', 'URINARY', 'GYNAECOLOGICAL', 'UPPER_GI', 'LOWER_GI'];
const MODALITIES = ['DIAGNOSTIC', 'SURGERY', 'CHEMOTHERAPY', 'RADIOTHERAPY'];

interface Services {
  startEmbeddedPostgres(o: { dataDir: string; persistent: boolean }): Promise<{ url: string; stop(): Promise<void> }>;
  startRedis(): Promise<{ url: string; stop(): Promise<void> }>;
  createDatabase(serverUrl: string, name: string): Promise<string>;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
}

/** The repository root, whether this runs from bench/ or compiled from dist/bench/. */
const ROOT = existsSync(join(__dirname, '..', 'package.json')) ? join(__dirname, '..') : join(__dirname, '..', '..');
// Plain CommonJS shared with the launcher and the tests; not part of the TypeScript build.
const services = require(join(ROOT, 'scripts', 'services.js')) as Services;

/** mulberry32: the same request mix on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 100) / 100;

/** 100 more providers (all kinds, every region and abroad) and ~220,000 slots over the next 180 days, in SQL. */
async function generate(db: Client): Promise<{ providers: number; slots: number }> {
  await db.query(
    `INSERT INTO provider (key, name, kind, region_code, country, lat, lon, cancer_areas, modalities)
     SELECT 'bench-' || g, 'Benchhospital ' || g,
            CASE WHEN g % 10 = 0 THEN 'FOREIGN' WHEN g % 5 = 0 THEN 'PRIVATE' ELSE 'PUBLIC' END,
            CASE WHEN g % 10 = 0 THEN NULL ELSE 1081 + g % 5 END,
            CASE WHEN g % 10 = 0 THEN 'DE' ELSE 'DK' END,
            54.8 + (g % 30) * 0.1, 8.5 + (g % 40) * 0.1, $2::text[], $3::text[]
     FROM generate_series(1, $1) AS g`,
    [EXTRA_PROVIDERS, AREAS, MODALITIES],
  );
  // One slot per provider and working hour; area, modality and status spread deterministically over the offers.
  await db.query(
    `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, status)
     SELECT p.id,
            p.cancer_areas[1 + (abs(hashtext(p.id::text || d || h)) % cardinality(p.cancer_areas))],
            p.modalities[1 + (abs(hashtext(h || p.id::text || d)) % cardinality(p.modalities))],
            ((date_trunc('day', now() AT TIME ZONE 'Europe/Copenhagen') + (d + 1) * interval '1 day' + h * interval '1 hour')
              AT TIME ZONE 'Europe/Copenhagen'),
            60,
            CASE WHEN (d * 31 + h) % 20 = 0 THEN 'BOOKED' WHEN (d * 31 + h) % 20 = 1 THEN 'HELD'
                 WHEN (d * 31 + h) % 20 = 2 THEN 'WITHDRAWN' ELSE 'FREE' END
     FROM provider p CROSS JOIN generate_series(0, $1 - 1) AS d CROSS JOIN unnest($2::int[]) AS h`,
    [DAYS, HOURS],
  );
  await db.query('ANALYZE slot');
  const [{ providers, slots }] = (
    await db.query(`SELECT (SELECT count(*)::int FROM provider) AS providers, (SELECT count(*)::int FROM slot) AS slots`)
  ).rows;
  return { providers, slots };
}

async function gql<T>(url: string, token: string | null, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

const SLOTS = `query($f: SlotFilter) { slots(filter: $f, first: 50) {
  nodes { id starts ends durationMinutes providerKind provider { name } } pageInfo { endCursor hasNextPage } } }`;
const SERIES = `mutation($i: PublishSlotSeriesInput!) { publishSlotSeries(input: $i) { id slotCount slots { id starts } } }`;

/** The plan PostgreSQL picks for the `slots` page the service issues (same predicates and ordering). */
async function explainSlots(db: Client, area: string, modality: string, from: Date): Promise<string> {
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const { rows } = await db.query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
     SELECT s.* FROM slot s
     WHERE s.status = $1 AND s.cancer_area = $2 AND s.modality = $3 AND s.starts_at >= $4 AND s.starts_at < $5
     ORDER BY s.starts_at ASC, s.id ASC LIMIT 51`,
    ['FREE', area, modality, from, to],
  );
  return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
}

export async function run(): Promise<BenchResult[]> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const stops: (() => Promise<void>)[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dir = mkdtempSync(join(tmpdir(), 'cx-bench-pg-'));
      const pg = await services.startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
      serverUrl = pg.url;
      stops.push(async () => {
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      });
    }
    const dbName = `cx_bench_${runId}`;
    const databaseUrl = await services.createDatabase(serverUrl, dbName);
    const server = serverUrl;
    stops.push(() => services.dropDatabase(server, dbName));
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await services.startRedis();
      redisUrl = redis.url;
      stops.push(redis.stop);
    }

    await prepareDatabase(databaseUrl, true);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    stops.push(() => db.end());
    const t0 = performance.now();
    const data = await generate(db);
    const generatedMs = performance.now() - t0;

    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `cxbench_${runId}`,
      JWT_SECRET: randomBytes(24).toString('hex'),
      DEMO_MODE: 'true',
      LOG_LEVEL: 'silent',
      PORT: '0',
      GRAPHQL_SCHEMA_FILE: '',
    });
    const api = await createApi(config);
    await api.listen(0, '127.0.0.1');
    stops.push(() => api.close());
    const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const login = (email: string) =>
      gql<{ login: { accessToken: string } }>(url, null, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
        i: { email, password: 'demo' },
      }).then((d) => d.login.accessToken);
    const planner = await login('planner.hovedstaden@demo.dk');
    const secretariat = await login('secretariat@demo.dk');

    // Browsing: a random area, modality and week in the generated range, first page of 50.
    const random = prng(5);
    const today = todayInCopenhagen();
    const request = () => {
      const from = new Date(`${addDays(today, 1 + Math.floor(random() * (DAYS - 8)))}T06:00:00Z`);
      const f = {
        cancerArea: AREAS[Math.floor(random() * AREAS.length)],
        modality: MODALITIES[Math.floor(random() * MODALITIES.length)],
        from: from.toISOString(),
        to: new Date(from.getTime() + 7 * 86_400_000).toISOString(),
      };
      return gql<{ slots: { nodes: unknown[] } }>(url, planner, SLOTS, { f });
    };
    for (let i = 0; i < WARM_UP; i++) await request();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      rows += (await request()).slots.nodes.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);

    const plan = await explainSlots(db, 'BREAST', 'SURGERY', new Date(`${addDays(today, 30)}T06:00:00Z`));
    const scan = /Index Only Scan|Index Scan|Bitmap/.exec(plan)?.[0] ?? 'no index';
    const indexName = / using (\w+)/.exec(plan)?.[1] ?? '';
    const execMs = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';

    // Publishing: 100 days × 5 parallel slots = 500 slots per call, each at a fresh provider so nothing collides.
    const seriesTimes: number[] = [];
    const fresh = (await db.query(`SELECT id FROM provider WHERE key LIKE 'bench-%' AND kind <> 'FOREIGN' ORDER BY key LIMIT $1`, [SERIES_RUNS])).rows;
    for (const [i, p] of fresh.entries()) {
      const started = performance.now();
      const d = await gql<{ publishSlotSeries: { slotCount: number } }>(url, secretariat, SERIES, {
        i: {
          providerId: p.id,
          cancerArea: AREAS[i % AREAS.length],
          modality: MODALITIES[i % MODALITIES.length],
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          startTime: '07:25',
          durationMinutes: 30,
          fromDate: addDays(today, 10),
          toDate: addDays(today, 109),
          countPerOccurrence: 5,
        },
      });
      seriesTimes.push(performance.now() - started);
      if (d.publishSlotSeries.slotCount !== 500) throw new Error(`series created ${d.publishSlotSeries.slotCount} slots, expected 500`);
    }
    seriesTimes.sort((a, b) => a - b);
    const seriesMedian = percentile(seriesTimes, 50);
    const seriesMax = seriesTimes[seriesTimes.length - 1];

    const dataNote = `${data.slots.toLocaleString('en-US')} slots at ${data.providers} providers (generated in ${Math.round(generatedMs)} ms)`;
    return [
      {
        issue: ISSUE,
        name: `slots(area, modality, 7-day window, first 50) over HTTP GraphQL, p95 of ${REQUESTS}`,
        value: round(p95),
        unit: 'ms',
        target: `<= ${TARGET_SLOTS_P95_MS} ms`,
        pass: p95 <= TARGET_SLOTS_P95_MS,
        note: `p50 ${round(percentile(times, 50))} ms, max ${round(times[times.length - 1])} ms, ${Math.round(rows / REQUESTS)} rows/page; ${dataNote}; EXPLAIN: ${scan} using ${indexName} (${execMs} ms in PostgreSQL)`,
      },
      {
        issue: ISSUE,
        name: `publishSlotSeries of 500 slots over HTTP GraphQL (median of ${SERIES_RUNS})`,
        value: round(seriesMedian),
        unit: 'ms',
        target: `<= ${TARGET_SERIES_MS} ms`,
        pass: seriesMax <= TARGET_SERIES_MS,
        note: `max ${round(seriesMax)} ms; one transaction: series row, one multi-row slot insert + one audit row per slot; response includes the 500 slots`,
      },
    ];
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

if (require.main === module) {
  run().then(
    (results) => {
      console.table(results);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
