import { addDays, todayInCopenhagen } from '@app/deadline';
import { bootApp, codeOf, TestApp } from './support/harness';

const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const COLLAB_OTHER_FORBIDDEN = 'collab.breast@demo.dk';
const SECRETARIAT = 'secretariat@demo.dk';
const OBSERVER = 'observer@demo.dk';
const today = todayInCopenhagen();

const CANDIDATES = `query($id: ID!, $own: Boolean) { matchCandidates(pathwayId: $id, limit: 100, includeOwnRegion: $own) {
  rank slotId date meetsDeadline daysBeforeDeadline distanceKm providerKind reasons provider { key } } }`;

describe('matching: ranked, explained candidates and the optimal meeting proposal', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Its own database: the ranking's tie-breaker is the national acceptance rate per distance band and kind, which
    // other files' answered offers would change (this file asserts the ranking exactly).
    app = await bootApp({ worker: false, ownDatabase: true });
  });
  afterAll(async () => {
    await app.close();
  });

  const slot = (key: string, date: string, area: string, modality: string) =>
    app.insertSlot(key, { date }, area, modality);
  const register = (as: string, i: Record<string, unknown>) => app.registerPathway(as, i);

  it('ranks a seeded scenario exactly: in time first, public before foreign, then distance; own region and expired agreements out', async () => {
    const p = await register(PLANNER_H, {
      homeMunicipalityCode: 101,
      cancerArea: 'URINARY',
      phase: 'PRIMARY_TREATMENT',
      modality: 'RADIOTHERAPY',
      clockStart: addDays(today, -5),
    });
    expect(p.deadline).toBe(addDays(today, 23));
    const s = {
      rigs: await slot('rh-rigshospitalet-onkologi', addDays(today, 5), 'URINARY', 'RADIOTHERAPY'),
      naestved: await slot('rsj-naestved-sygehus', addDays(today, 12), 'URINARY', 'RADIOTHERAPY'),
      odense: await slot('rsd-odense-universitetshospital', addDays(today, 20), 'URINARY', 'RADIOTHERAPY'),
      aarhus: await slot('rm-aarhus-universitetshospital', addDays(today, 10), 'URINARY', 'RADIOTHERAPY'),
      kiel: await slot('de-uksh-kiel', addDays(today, 3), 'URINARY', 'RADIOTHERAPY'),
      aarhusLate: await slot('rm-aarhus-universitetshospital', addDays(today, 40), 'URINARY', 'RADIOTHERAPY'),
      lundExpired: await slot('se-sus-lund', addDays(today, 2), 'URINARY', 'RADIOTHERAPY'),
      otherArea: await slot('rsd-odense-universitetshospital', addDays(today, 4), 'LUNG', 'RADIOTHERAPY'),
    };
    const mine = new Set(Object.values(s));
    const got = (await app.ok<any>(CANDIDATES, { id: p.id }, PLANNER_H)).matchCandidates.filter((c: any) =>
      mine.has(c.slotId),
    );
    expect(got.map((c: any) => c.slotId)).toEqual([s.naestved, s.odense, s.aarhus, s.kiel, s.aarhusLate]);
    expect(got[0]).toMatchObject({
      meetsDeadline: true,
      daysBeforeDeadline: 11,
      distanceKm: 70.0,
      providerKind: 'PUBLIC',
    });
    expect(got[0].reasons.slice(0, 3)).toEqual([
      '11 dage før fristen',
      'Region Sjælland, 70,0 km',
      'offentligt sygehus',
    ]);
    // Then the acceptance rate of the band and kind (issue 22); fewer than 20 answers here.
    expect(got[0].reasons[3]).toMatch(/^For få svar ved 50–100 km til at vise en accept-rate \(\d+ svar\)$/);
    expect(got[3].reasons[2]).toBe('udenlandsk behandlingssted: aftale gyldig til 31. dec. 2027');
    expect(got[4]).toMatchObject({ meetsDeadline: false, daysBeforeDeadline: -17 });
    const withOwn = (await app.ok<any>(CANDIDATES, { id: p.id, own: true }, PLANNER_H)).matchCandidates.filter(
      (c: any) => mine.has(c.slotId),
    );
    expect(withOwn[0]).toMatchObject({ slotId: s.rigs, distanceKm: 2.2 });
    expect(withOwn.map((c: any) => c.slotId)).not.toContain(s.lundExpired);
    const ranks = (await app.ok<any>(CANDIDATES, { id: p.id }, PLANNER_H)).matchCandidates.map((c: any) => c.rank);
    expect(ranks).toEqual(ranks.map((_: number, i: number) => i + 1));

    // The kind preference is configuration: foreign first puts Kiel at the top of the in-time candidates.
    const foreignFirst = await bootApp({
      worker: false,
      config: { ...app.databaseConfig, PROVIDER_KIND_ORDER: 'FOREIGN,PUBLIC,PRIVATE' },
    });
    try {
      const reordered = (await foreignFirst.ok<any>(CANDIDATES, { id: p.id }, PLANNER_H)).matchCandidates.filter(
        (c: any) => mine.has(c.slotId),
      );
      expect(reordered.map((c: any) => c.slotId)).toEqual([s.kiel, s.naestved, s.odense, s.aarhus, s.aarhusLate]);
    } finally {
      await foreignFirst.close();
    }
  });

  it('observers and other regions may not match a pathway', async () => {
    const p = await register(PLANNER_H, {
      homeMunicipalityCode: 101,
      cancerArea: 'URINARY',
      phase: 'DIAGNOSTIC',
      modality: 'DIAGNOSTIC',
      clockStart: today,
    });
    expect(codeOf(await app.gql(CANDIDATES, { id: p.id }, OBSERVER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(CANDIDATES, { id: p.id }, PLANNER_N))).toBe('FORBIDDEN');
  });

  it('refuses with INVALID_STATE (and says why in Danish) for a pathway that is not waiting, and answers again once it waits', async () => {
    const SEARCH = `query($id: ID!) { candidateSearch(pathwayId: $id) { candidates { slotId } } }`;
    const lung = { homeMunicipalityCode: 101, cancerArea: 'LUNG', phase: 'PRIMARY_TREATMENT', modality: 'SURGERY' };
    const slotId = await slot('rm-aarhus-universitetshospital', addDays(today, 8), 'LUNG', 'SURGERY');
    const refused = async (id: string, danish: RegExp) => {
      for (const q of [CANDIDATES, SEARCH]) {
        const r = await app.gql(q, { id }, PLANNER_H);
        expect(r.data).toBeNull();
        expect(r.errors![0].extensions).toMatchObject({ code: 'INVALID_STATE' });
        expect(r.errors![0].extensions!.messageDa).toMatch(danish);
      }
    };
    const setStatus = (id: string, status: string) =>
      app.ok(
        `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { status } }`,
        {
          i: {
            pathwayId: id,
            status,
            ...(status === 'TREATED' ? { treatedOn: today } : {}),
            ...(status === 'SCHEDULED' ? { expectedDate: addDays(today, 10) } : {}),
          },
        },
        PLANNER_H,
      );
    const offered = async (id: string) =>
      (await app.ok<any>(CANDIDATES, { id }, PLANNER_H)).matchCandidates.map((c: any) => c.slotId);

    const treated = await register(PLANNER_H, lung);
    expect(await offered(treated.id)).toContain(slotId);
    await setStatus(treated.id, 'TREATED');
    await refused(treated.id, /^Forløbet er behandlet og venter ikke på en tid/);

    const closed = await register(PLANNER_H, lung);
    await setStatus(closed.id, 'CLOSED');
    await refused(closed.id, /^Forløbet er afsluttet/);

    // Scheduled, then back to waiting: candidates again.
    const scheduled = await register(PLANNER_H, lung);
    await setStatus(scheduled.id, 'SCHEDULED');
    await refused(scheduled.id, /^Forløbet er planlagt/);
    await setStatus(scheduled.id, 'WAITING');
    expect(await offered(scheduled.id)).toContain(slotId);

    // A pending offer: answer or withdraw it first; withdrawn, the pathway waits and the slot is offerable again.
    const pending = await register(PLANNER_H, lung);
    const o = await app.ok<any>(
      `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`,
      { i: { pathwayId: pending.id, slotId } },
      PLANNER_H,
    );
    await refused(pending.id, /afventer patientens svar.*træk tilbuddet tilbage/);
    await app.ok(`mutation($id: ID!) { withdrawOffer(offerId: $id) { id } }`, { id: o.createOffer.id }, PLANNER_H);
    expect(await offered(pending.id)).toContain(slotId);
  });

  it('proposeAllocation is optimal where greedy fails, explains unplaced pathways, and is scoped to the collaboration', async () => {
    const base = {
      homeMunicipalityCode: 851,
      cancerArea: 'OTHER',
      phase: 'ADJUVANT_TREATMENT',
      modality: 'CHEMOTHERAPY',
    };
    const late = await register(PLANNER_N, { ...base, clockStart: addDays(today, -4) }); // deadline today+10
    const urgent = await register(PLANNER_N, { ...base, clockStart: addDays(today, -9) }); // deadline today+5
    const none = await register(PLANNER_N, { ...base, modality: 'RADIOTHERAPY', clockStart: addDays(today, -9) });
    const x = await slot('rm-aarhus-universitetshospital', addDays(today, 4), 'OTHER', 'CHEMOTHERAPY');
    const y = await slot('rm-regionshospitalet-goedstrup', addDays(today, 9), 'OTHER', 'CHEMOTHERAPY');
    const q = `query($i: ProposeAllocationInput!) { proposeAllocation(input: $i) {
      assignments { pathwayId slotId meetsDeadline daysBeforeDeadline distanceKm }
      unassigned { pathwayId reason } totals { placed placedInTime } } }`;
    const input = { cancerArea: 'OTHER', regions: [1081], to: addDays(today, 12) };
    const r = (await app.ok<any>(q, { i: input }, SECRETARIAT)).proposeAllocation;
    const byPathway = new Map(r.assignments.map((a: any) => [a.pathwayId, a]));
    expect(byPathway.get(urgent.id)).toMatchObject({ slotId: x, meetsDeadline: true, daysBeforeDeadline: 1 });
    expect(byPathway.get(late.id)).toMatchObject({ slotId: y, meetsDeadline: true, daysBeforeDeadline: 1 });
    expect(r.unassigned).toContainEqual({ pathwayId: none.id, reason: 'NO_SLOT' });
    expect(r.totals.placedInTime).toBeGreaterThanOrEqual(2);
    const held = await app.db.query(`SELECT status FROM slot WHERE id = ANY($1)`, [[x, y]]);
    expect(held.map((h: any) => h.status)).toEqual(['FREE', 'FREE']);
    expect(codeOf(await app.gql(q, { i: input }, COLLAB_OTHER_FORBIDDEN))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(q, { i: input }, OBSERVER))).toBe('FORBIDDEN');
  });
});
