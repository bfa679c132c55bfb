import { addDays, computeDeadline, informationDeadline, todayInCopenhagen } from '@app/deadline';
import { QueueRegistry } from '@app/core';
import { bootApp, codeOf, TestApp, waitFor } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const COLLAB_BREAST = 'collab.breast@demo.dk';
const COLLAB_LUNG = 'collab.lung@demo.dk';
const OBSERVER = 'observer@demo.dk';

const REGISTER = `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) {
  id reference regionCode status deadline baseDeadline pausedDays ruleSet atRisk
  deadlineInfo { informationDeadline maxDays workingDaysLeft } } }`;
const PAUSE = `mutation($i: RecordPauseInput!) { recordPause(input: $i) { deadline baseDeadline pausedDays atRisk pauses { fromDate toDate reason } } }`;
const UPDATE = `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { status expectedDate treatedOn atRisk deadline } }`;

const today = todayInCopenhagen();
let seq = 0;
const ref = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}`;

describe('pathways, deadlines and the early-warning sweep', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const register = (as: string, over: Record<string, unknown> = {}) =>
    app.gql<any>(
      REGISTER,
      {
        i: {
          reference: ref('RH'),
          homeMunicipalityCode: 101,
          cancerArea: 'BREAST',
          phase: 'DIAGNOSTIC',
          modality: 'DIAGNOSTIC',
          clockStart: addDays(today, -3),
          ...over,
        },
      },
      as,
    );

  it('registers a pathway whose deadline comes from libs/deadline and is at risk without an expected date', async () => {
    const clockStart = addDays(today, -20);
    const res = await register(PLANNER_H, {
      phase: 'PRIMARY_TREATMENT',
      modality: 'SURGERY',
      clockStart,
      patientAcceptedOn: addDays(clockStart, 2),
    });
    expect(res.errors).toBeUndefined();
    const p = res.data.registerPathway;
    const expected = computeDeadline({
      phase: 'PRIMARY_TREATMENT',
      clockStart,
      patientAcceptedOn: addDays(clockStart, 2),
    });
    expect(p).toMatchObject({
      regionCode: 1084,
      status: 'WAITING',
      deadline: expected.deadline,
      baseDeadline: expected.baseDeadline,
      pausedDays: 0,
      ruleSet: 'DK-2024',
      atRisk: true,
    });
    expect(p.deadline).toBe(addDays(clockStart, 16));
    expect(p.deadlineInfo.informationDeadline).toBe(informationDeadline(clockStart));
    expect(p.deadlineInfo.maxDays).toBe(16);
    const audit = await app.ok<any>(
      `query($f: AuditFilter) { auditLog(filter: $f) { nodes { action } } }`,
      { f: { entityType: 'pathway', entityId: p.id } },
      SECRETARIAT,
    );
    expect(audit.auditLog.nodes.map((a: any) => a.action)).toEqual(['pathway.register']);
  });

  it('rejects CPR-like references with PERSONAL_DATA_REJECTED and stores nothing', async () => {
    const before = await app.db.query(`SELECT count(*)::int AS n FROM pathway`);
    for (const reference of ['010203-1234', '0102031234']) {
      const res = await register(PLANNER_H, { reference });
      expect(codeOf(res)).toBe('PERSONAL_DATA_REJECTED');
      expect(res.errors![0].extensions!.field).toBe('reference');
    }
    const after = await app.db.query(`SELECT count(*)::int AS n FROM pathway`);
    expect(after[0].n).toBe(before[0].n);
    const pause = await app.gql(
      PAUSE,
      {
        i: {
          pathwayId: '00000000-0000-4000-8000-000000000000',
          from: today,
          to: addDays(today, 2),
          reason: 'HEALTH',
          note: 'pt 010203-1234',
        },
      },
      PLANNER_H,
    );
    expect(codeOf(pause)).toBe('PERSONAL_DATA_REJECTED');
  });

  it('a reference is unique per region; bad municipality and future clock start are BAD_USER_INPUT', async () => {
    const reference = ref('DUP');
    expect((await register(PLANNER_H, { reference })).errors).toBeUndefined();
    const dup = await register(PLANNER_H, { reference });
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('reference');
    expect((await register(PLANNER_N, { reference, homeMunicipalityCode: 851 })).errors).toBeUndefined();
    const badMuni = await register(PLANNER_H, { homeMunicipalityCode: 998 });
    expect(codeOf(badMuni)).toBe('BAD_USER_INPUT');
    expect(codeOf(await register(PLANNER_H, { clockStart: addDays(today, 3) }))).toBe('BAD_USER_INPUT');
    const badDate = await register(PLANNER_H, { clockStart: '2025-02-30' });
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    expect(badDate.errors![0].message).toContain('clockStart');
  });

  it('pauses move the deadline exactly as libs/deadline says (across holidays, merged when touching)', async () => {
    const clockStart = addDays(today, -30);
    const p = (await register(PLANNER_H, { clockStart, phase: 'ADJUVANT_TREATMENT', modality: 'CHEMOTHERAPY' })).data
      .registerPathway;
    const pauses = [
      { from: addDays(clockStart, 2), to: addDays(clockStart, 7), reason: 'PATIENT_CHOICE' },
      { from: addDays(clockStart, 7), to: addDays(clockStart, 10), reason: 'HEALTH' },
      { from: addDays(clockStart, 20), to: addDays(clockStart, 24), reason: 'HEALTH' },
    ];
    let last: any;
    for (const x of pauses) {
      last = (await app.ok<any>(PAUSE, { i: { pathwayId: p.id, ...x } }, PLANNER_H)).recordPause;
    }
    const expected = computeDeadline({ phase: 'ADJUVANT_TREATMENT', clockStart, pauses: pauses as any });
    expect(last).toMatchObject({
      deadline: expected.deadline,
      pausedDays: expected.pausedDays,
      baseDeadline: expected.baseDeadline,
    });
    expect(expected.pausedDays).toBe(12);
    expect(last.pauses).toHaveLength(3);
    const overlap = await app.gql(
      PAUSE,
      { i: { pathwayId: p.id, from: addDays(clockStart, 3), to: addDays(clockStart, 5), reason: 'HEALTH' } },
      PLANNER_H,
    );
    expect(codeOf(overlap)).toBe('BAD_USER_INPUT');
    const backwards = await app.gql(
      PAUSE,
      { i: { pathwayId: p.id, from: addDays(clockStart, 40), to: addDays(clockStart, 39), reason: 'HEALTH' } },
      PLANNER_H,
    );
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await app.gql(
          PAUSE,
          { i: { pathwayId: p.id, from: today, to: addDays(today, 1), reason: 'HEALTH' } },
          PLANNER_N,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('expected date in time clears the risk; status changes follow the allowed transitions', async () => {
    const p = (await register(PLANNER_H)).data.registerPathway;
    const inTime = await app.ok<any>(UPDATE, { i: { pathwayId: p.id, expectedDate: p.deadline } }, PLANNER_H);
    expect(inTime.updatePathway.atRisk).toBe(false);
    const late = await app.ok<any>(UPDATE, { i: { pathwayId: p.id, expectedDate: addDays(p.deadline, 1) } }, PLANNER_H);
    expect(late.updatePathway.atRisk).toBe(true);
    expect(codeOf(await app.gql(UPDATE, { i: { pathwayId: p.id, status: 'TREATED' } }, PLANNER_H))).toBe(
      'BAD_USER_INPUT',
    );
    const treated = await app.ok<any>(
      UPDATE,
      { i: { pathwayId: p.id, status: 'TREATED', treatedOn: today } },
      PLANNER_H,
    );
    expect(treated.updatePathway).toMatchObject({ status: 'TREATED', treatedOn: today, atRisk: false });
    expect(codeOf(await app.gql(UPDATE, { i: { pathwayId: p.id, status: 'WAITING' } }, PLANNER_H))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(await app.gql(UPDATE, { i: { pathwayId: p.id, expectedDate: today } }, PLANNER_N))).toBe('FORBIDDEN');
  });

  it('scoping: planners see their region, collaborations their areas, observers nothing', async () => {
    const breast = (await register(PLANNER_H, { cancerArea: 'BREAST' })).data.registerPathway;
    const lung = (await register(PLANNER_H, { cancerArea: 'LUNG' })).data.registerPathway;
    expect(codeOf(await register(PLANNER_N))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(`query($id: ID!) { pathway(id: $id) { id } }`, { id: breast.id }, PLANNER_N))).toBe(
      'FORBIDDEN',
    );
    await register(PLANNER_N, { homeMunicipalityCode: 851 });
    const northList = await app.ok<any>(`{ pathways(first: 200) { nodes { regionCode } } }`, {}, PLANNER_N);
    expect(northList.pathways.nodes.length).toBeGreaterThan(0);
    expect(northList.pathways.nodes.every((n: any) => n.regionCode === 1081)).toBe(true);
    expect(codeOf(await app.gql(`{ pathways(filter: {regionCode: 1084}) { nodes { id } } }`, {}, PLANNER_N))).toBe(
      'FORBIDDEN',
    );
    expect(
      (await app.ok<any>(`query($id: ID!) { pathway(id: $id) { reference } }`, { id: breast.id }, COLLAB_BREAST))
        .pathway.reference,
    ).toBe(breast.reference);
    expect(codeOf(await app.gql(`query($id: ID!) { pathway(id: $id) { id } }`, { id: lung.id }, COLLAB_BREAST))).toBe(
      'FORBIDDEN',
    );
    const collabList = await app.ok<any>(`{ pathways(first: 200) { nodes { cancerArea } } }`, {}, COLLAB_LUNG);
    expect(collabList.pathways.nodes.length).toBeGreaterThan(0);
    expect(collabList.pathways.nodes.every((n: any) => n.cancerArea === 'LUNG')).toBe(true);
    expect(codeOf(await app.gql(`{ pathways { nodes { id } } }`, {}, OBSERVER))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await app.gql(`{ deadline(input: {phase: DIAGNOSTIC, clockStart: "2026-03-02"}) { deadline } }`, {}, OBSERVER),
      ),
    ).toBe('FORBIDDEN');
  });

  it('pathways are sorted by deadline and paginate without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) await register(PLANNER_H, { clockStart: addDays(today, -i), cancerArea: 'UPPER_GI' });
    const seen: string[] = [];
    const deadlines: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const d: any = await app.ok(
        `query($a: String) { pathways(filter: {cancerArea: UPPER_GI}, first: 2, after: $a) { nodes { id deadline } pageInfo { endCursor hasNextPage } } }`,
        { a: after },
        PLANNER_H,
      );
      seen.push(...d.pathways.nodes.map((n: any) => n.id));
      deadlines.push(...d.pathways.nodes.map((n: any) => n.deadline));
      if (!d.pathways.pageInfo.hasNextPage) break;
      after = d.pathways.pageInfo.endCursor;
    }
    const total = await app.db.query(
      `SELECT count(*)::int AS n FROM pathway WHERE cancer_area = 'UPPER_GI' AND region_code = 1084`,
    );
    expect(seen).toHaveLength(total[0].n);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...deadlines].sort()).toEqual(deadlines);
  });

  it('malformed ids and cursors are BAD_USER_INPUT, not internal errors', async () => {
    expect(codeOf(await app.gql(`{ pathway(id: "not-a-uuid") { id } }`, {}, PLANNER_H))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`{ pathways(after: "garbage") { nodes { id } } }`, {}, PLANNER_H))).toBe(
      'BAD_USER_INPUT',
    );
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'not-a-uuid'])).toString('base64url');
    expect(
      codeOf(await app.gql(`query($a: String) { pathways(after: $a) { nodes { id } } }`, { a: forged }, PLANNER_H)),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await app.gql(`{ auditLog(after: "abc", filter: {actorId: "x"}) { nodes { id } } }`, {}, SECRETARIAT)),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`{ matchCandidates(pathwayId: "1") { rank } }`, {}, PLANNER_H))).toBe('BAD_USER_INPUT');
  });

  it('the deadline query answers with auth and maps invalid input to BAD_USER_INPUT naming the field', async () => {
    const q = `query($i: DeadlineQueryInput!, $asOf: LocalDate) { deadline(input: $i, asOf: $asOf) { deadline baseDeadline pausedDays ruleSet informationDeadline workingDaysLeft } }`;
    const d = await app.ok<any>(
      q,
      {
        i: {
          phase: 'DIAGNOSTIC',
          clockStart: '2025-12-19',
          pauses: [{ from: '2025-12-22', to: '2025-12-29', reason: 'PATIENT_CHOICE' }],
        },
        asOf: '2025-12-19',
      },
      PLANNER_H,
    );
    expect(d.deadline).toEqual({
      deadline: '2026-01-09',
      baseDeadline: '2026-01-02',
      pausedDays: 7,
      ruleSet: 'DK-2024',
      informationDeadline: '2026-01-07',
      workingDaysLeft: 10,
    });
    const bad = await app.gql(q, { i: { phase: 'DIAGNOSTIC', clockStart: '2025-02-30' } }, PLANNER_H);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toContain('clockStart');
    const before = await app.gql(
      q,
      { i: { phase: 'PRIMARY_TREATMENT', clockStart: '2025-03-10', patientAcceptedOn: '2025-03-01' } },
      PLANNER_H,
    );
    expect(codeOf(before)).toBe('BAD_USER_INPUT');
    expect(before.errors![0].extensions!.field).toBe('patientAcceptedOn');
  });

  it('early-warning sweep runs in the real worker, once per pathway and deadline, scoped to the asking planner', async () => {
    const urgent = (await register(PLANNER_H, { clockStart: addDays(today, -12), cancerArea: 'GYNAECOLOGICAL' })).data
      .registerPathway;
    const safe = (
      await register(PLANNER_H, {
        clockStart: addDays(today, -12),
        cancerArea: 'GYNAECOLOGICAL',
        expectedDate: addDays(today, -12),
      })
    ).data.registerPathway;
    const later = (
      await register(PLANNER_H, {
        clockStart: today,
        phase: 'PRIMARY_TREATMENT',
        modality: 'SURGERY',
        cancerArea: 'GYNAECOLOGICAL',
      })
    ).data.registerPathway;
    const north = (
      await register(PLANNER_N, {
        clockStart: addDays(today, -12),
        cancerArea: 'GYNAECOLOGICAL',
        homeMunicipalityCode: 851,
      })
    ).data.registerPathway;
    const count = async (id: string) =>
      (await app.db.query(`SELECT count(*)::int AS n FROM early_warning WHERE pathway_id = $1`, [id]))[0].n;
    const queue = app.api.get(QueueRegistry).get('pathways');
    const run = async (as: string) => {
      const r = await app.ok<any>(`mutation { runEarlyWarning { queued jobId } }`, {}, as);
      expect(r.runEarlyWarning.queued).toBe(true);
      await waitFor(async () => (await queue.getJobState(r.runEarlyWarning.jobId)) === 'completed', 20000);
    };
    await run(PLANNER_H);
    await run(PLANNER_H);
    expect(await count(urgent.id)).toBe(1);
    expect(await count(safe.id)).toBe(0);
    expect(await count(later.id)).toBe(0);
    expect(await count(north.id)).toBe(0);
    await run(SECRETARIAT);
    expect(await count(north.id)).toBe(1);
    expect(await count(urgent.id)).toBe(1);
    const trail = await app.db.query(
      `SELECT actor_label FROM audit_log WHERE action = 'pathway.early-warning' AND entity_id = $1`,
      [urgent.id],
    );
    expect(trail).toEqual([{ actor_label: `system (requested by ${PLANNER_H})` }]);
    expect(codeOf(await app.gql(`mutation { runEarlyWarning(asOf: "2026-01-05") { queued } }`, {}, PLANNER_H))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await app.gql(
          `mutation($d: LocalDate) { runEarlyWarning(asOf: $d) { queued } }`,
          { d: addDays(today, 30) },
          SECRETARIAT,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const mine = await app.ok<any>(
      `query($id: ID) { warnings(filter: {pathwayId: $id}) { nodes { pathwayId deadline regionCode } } }`,
      { id: urgent.id },
      PLANNER_H,
    );
    expect(mine.warnings.nodes).toEqual([{ pathwayId: urgent.id, deadline: urgent.deadline, regionCode: 1084 }]);
    const theirs = await app.ok<any>(
      `query($id: ID) { warnings(filter: {pathwayId: $id}) { nodes { pathwayId } } }`,
      { id: urgent.id },
      PLANNER_N,
    );
    expect(theirs.warnings.nodes).toEqual([]);
    const delivered = await waitFor(async () => {
      const rows = await app.db.query(
        `SELECT n.status FROM notification n JOIN early_warning w ON w.id = n.subject_id WHERE w.pathway_id = $1`,
        [urgent.id],
      );
      return rows[0]?.status === 'DELIVERED' ? rows : null;
    });
    expect(delivered).toHaveLength(1);
  });
});
