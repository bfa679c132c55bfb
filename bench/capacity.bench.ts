import { Client } from 'pg';
import { addDays, todayInCopenhagen } from '../libs/deadline/src';
import { AREAS, DAYS, generateSlots, MODALITIES } from './dataset';
import { percentile, prng, round, runStandalone, withBenchEnv } from './env';
import type { BenchResult } from './types';

/*
 * Capacity browsing and publishing through real HTTP GraphQL: a database of ≥ 200,000 slots at ≥ 120 providers,
 * the `slots` page a planner opens (area + modality + one week, first 50) and a 500-slot publishSlotSeries.
 */

const ISSUE = '#5 capacity';
const WARM_UP = 30;
const REQUESTS = 300;
const SERIES_RUNS = 5;
const TARGET_SLOTS_P95_MS = 30;
const TARGET_SERIES_MS = 1000;

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
  return withBenchEnv(async ({ db, login, gql }) => {
    const t0 = performance.now();
    const data = await generateSlots(db);
    const generatedMs = performance.now() - t0;

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
      return gql<{ slots: { nodes: unknown[] } }>(planner, SLOTS, { f });
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
    const fresh = (
      await db.query(`SELECT id FROM provider WHERE key LIKE 'bench-%' AND kind <> 'FOREIGN' ORDER BY key LIMIT $1`, [
        SERIES_RUNS,
      ])
    ).rows;
    for (const [i, p] of fresh.entries()) {
      const started = performance.now();
      const d = await gql<{ publishSlotSeries: { slotCount: number } }>(secretariat, SERIES, {
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
      if (d.publishSlotSeries.slotCount !== 500)
        throw new Error(`series created ${d.publishSlotSeries.slotCount} slots, expected 500`);
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
  });
}

runStandalone(module, run);
