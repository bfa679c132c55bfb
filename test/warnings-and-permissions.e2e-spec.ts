import { addDays, todayInCopenhagen, workingDaysBetween } from '@app/deadline';
import { catchUpDue, EarlyWarningService } from '@app/pathways';
import { bootApp, TestApp } from './support/harness';

const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const OBSERVER = 'observer@demo.dk';
const today = todayInCopenhagen();

/** Issue 16: warnings a planner can act on, no missed sweep, and permission messages a planner understands. */
describe('warnings and permission messages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('the worker caught up on the daily sweep at start (a fresh demo shows warnings without runEarlyWarning)', async () => {
    const runs = await app.db.query(
      `SELECT entity_id, after FROM audit_log WHERE entity_type = 'early-warning-run' ORDER BY id DESC LIMIT 1`,
    );
    expect(runs[0].entity_id).toBe(today);
    const due = new Date('2026-12-01T05:00:00Z'); // 06:00 in Copenhagen
    expect(catchUpDue(null, due)).toBe(true);
    expect(catchUpDue(new Date('2026-12-01T04:59:59Z'), due)).toBe(true);
    expect(catchUpDue(new Date('2026-12-01T05:00:00Z'), due)).toBe(false);
  });

  it('EarlyWarning carries reference, cancer area, phase, deadline and working days left; warnings are paged and sortable by deadline', async () => {
    const a = await app.registerPathway(PLANNER_H, { clockStart: addDays(today, -26) });
    const b = await app.registerPathway(PLANNER_H, { clockStart: addDays(today, -24) });
    await app.worker!.get(EarlyWarningService).sweep();
    const q = `query($after: String, $o: WarningOrder) { warnings(first: 1, after: $after, orderBy: $o, filter: {cancerArea: BREAST}) {
      nodes { pathwayId reference cancerArea phase deadline workingDaysLeft } pageInfo { hasNextPage endCursor } } }`;
    const seen: any[] = [];
    let after: string | null = null;
    for (let i = 0; i < 200; i++) {
      const r: any = (await app.ok<any>(q, { after, o: 'DEADLINE_ASC' }, PLANNER_H)).warnings;
      seen.push(...r.nodes);
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    const deadlines = seen.map((w) => w.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const wa = seen.find((w) => w.pathwayId === a.id);
    expect(wa).toMatchObject({
      cancerArea: 'BREAST',
      phase: 'PRIMARY_TREATMENT',
      deadline: a.deadline,
      workingDaysLeft: workingDaysBetween(today, a.deadline),
    });
    expect(wa.reference).toMatch(/^T-/);
    expect(seen.map((w) => w.pathwayId)).toContain(b.id);
    const desc = (
      await app.ok<any>(`{ warnings(first: 5, orderBy: DEADLINE_DESC) { nodes { deadline } } }`, {}, PLANNER_H)
    ).warnings.nodes.map((w: any) => w.deadline);
    expect(desc).toEqual([...desc].sort().reverse());
  });

  it('FORBIDDEN says what and why with region names, in English and Danish', async () => {
    const r = await app.gql(
      `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`,
      {
        i: {
          reference: `F-${Date.now()}`,
          homeMunicipalityCode: 101,
          cancerArea: 'BREAST',
          phase: 'PRIMARY_TREATMENT',
          modality: 'SURGERY',
          clockStart: today,
        },
      },
      PLANNER_N,
    );
    expect(r.errors?.[0]?.message).toBe(
      'Municipality 101 (København) belongs to Region Hovedstaden; you plan for Region Nordjylland',
    );
    expect(r.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      messageDa: 'Kommune 101 (København) hører under Region Hovedstaden; du planlægger for Region Nordjylland',
    });
    const p = await app.registerPathway(PLANNER_H);
    const u = await app.gql(
      `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { id } }`,
      { i: { pathwayId: p.id, maxTravelKm: 50 } },
      PLANNER_N,
    );
    expect(u.errors?.[0]?.message).toBe(
      'Only planners of Region Hovedstaden may change its pathways; you plan for Region Nordjylland',
    );
    expect(u.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const role = await app.gql(
      `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { id } }`,
      { i: { pathwayId: p.id } },
      OBSERVER,
    );
    expect((role.errors?.[0]?.extensions as any)?.messageDa).toContain('Din rolle (observatører)');
  });
});
