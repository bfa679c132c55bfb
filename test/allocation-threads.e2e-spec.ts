import { bootApp, codeOf, TestApp } from './support/harness';

/*
 * The allocation solver runs in worker threads (issue #14 item 2): while a large proposeAllocation is being
 * solved, the api's event loop keeps answering /health; past ALLOCATION_TIME_BUDGET_MS the caller gets a typed
 * error. Data is inserted with SQL (LUNG / DIAGNOSTIC, removed afterwards) so the instance is big enough for the
 * solver to take a noticeable time.
 */

const SECRETARIAT = 'secretariat@demo.dk';
const AREA = 'LUNG';
const MODALITY = 'DIAGNOSTIC';
const PATHWAYS = 2400;
const SLOTS_PER_PROVIDER = 300;
const PROPOSE = `query($i: ProposeAllocationInput!) { proposeAllocation(input: $i) { totals { pathways slots placed placedInTime } } }`;

describe('allocation in worker threads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    await app.db.query(
      `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, seq)
       SELECT p.id, $1, $2, ((current_date + 1 + (g % 45))::timestamp + time '10:00') AT TIME ZONE 'Europe/Copenhagen', 60, g
         FROM provider p CROSS JOIN generate_series(1, $3::int) g
        WHERE p.kind = 'PUBLIC' AND $1 = ANY(p.cancer_areas) AND $2 = ANY(p.modalities)`,
      [AREA, MODALITY, SLOTS_PER_PROVIDER],
    );
    await app.db.query(
      `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, deadline, base_deadline, rule_set)
       SELECT 'LOAD-' || g, m.region_code, m.code, $1, 'DIAGNOSTIC', $2, current_date - 5, current_date + (g % 50) - 5, current_date + (g % 50) - 5, 'DK-2024'
         FROM generate_series(1, $3::int) g
         JOIN LATERAL (SELECT code, region_code FROM municipality ORDER BY code OFFSET (g % 98) LIMIT 1) m ON true`,
      [AREA, MODALITY, PATHWAYS],
    );
  });
  afterAll(async () => {
    await app.db.query(`DELETE FROM pathway WHERE reference LIKE 'LOAD-%'`);
    await app.db.query(`DELETE FROM slot WHERE cancer_area = $1 AND modality = $2 AND seq > 0 AND status = 'FREE'`, [
      AREA,
      MODALITY,
    ]);
    await app.close();
  });

  it('keeps /health answering while the largest allocation is solved', async () => {
    // Warm the allocation threads (they start on first use) so the measured run is the solve itself.
    await app.ok(PROPOSE, { i: { cancerArea: 'BREAST' } }, SECRETARIAT);
    const t0 = Date.now();
    let done = false;
    const proposal = app
      .ok<any>(PROPOSE, { i: { cancerArea: AREA, modality: MODALITY } }, SECRETARIAT)
      .finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const h0 = Date.now();
      await app.http().get('/health');
      latencies.push(Date.now() - h0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const { totals } = (await proposal).proposeAllocation;
    const solveMs = Date.now() - t0;
    expect(totals.pathways).toBeGreaterThanOrEqual(PATHWAYS);
    expect(totals.slots).toBeGreaterThan(5000);
    expect(totals.placed).toBeGreaterThan(PATHWAYS / 2);
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)];
    const worst = latencies[latencies.length - 1];
    // On the event loop, the first /health would wait for the whole solve and nothing else would answer.
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(median).toBeLessThan(100);
    expect(worst).toBeLessThan(Math.max(250, solveMs / 3));
  });

  it('stops an allocation past its time budget with TIME_BUDGET_EXCEEDED', async () => {
    const strict = await bootApp({ worker: false, config: { ALLOCATION_TIME_BUDGET_MS: '100' } });
    try {
      const r = await strict.gql(PROPOSE, { i: { cancerArea: AREA, modality: MODALITY } }, SECRETARIAT);
      expect(codeOf(r)).toBe('TIME_BUDGET_EXCEEDED');
      expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      const h0 = Date.now();
      await strict.http().get('/health');
      expect(Date.now() - h0).toBeLessThan(1000);
    } finally {
      await strict.close();
    }
  });
});
