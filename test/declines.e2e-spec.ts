import { addDays, todayInCopenhagen } from '@app/deadline';
import { dateDa } from '@app/pathways';
import { bootApp, codeOf, TestApp } from './support/harness';

const PLANNER_H = 'planner.hovedstaden@demo.dk';
const SECRETARIAT = 'secretariat@demo.dk';
const today = todayInCopenhagen();
const AREA = 'URINARY';
const MODALITY = 'SURGERY';

const CANDIDATES = `query($id: ID!, $o: WishOverridesInput) { matchCandidates(pathwayId: $id, limit: 100, overrides: $o) {
  slotId date distanceKm providerKind flagged rankedLast reasons provider { key country } } }`;
const SEARCH = `query($id: ID!) { candidateSearch(pathwayId: $id, limit: 100) { suggestRecordPause suggestions rules
  candidates { slotId } } }`;
const PROPOSE = `query($i: ProposeAllocationInput!) { proposeAllocation(input: $i) {
  assignments { pathwayId slotId date distanceKm reasons provider { key kind country } } unassigned { pathwayId reason explanation } } }`;
const CREATE = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`;
const RESPOND = `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id status declineReason nextStep } }`;

/**
 * Issue 16: every decline reason walked through a second matchCandidates, a second proposeAllocation and a
 * createOffer, against the real api, PostgreSQL and the allocation solver.
 */
describe('declines steer matching, allocation and offers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const slot = (key: string, inDays: number) => app.insertSlot(key, { date: addDays(today, inDays) }, AREA, MODALITY);

  /** A fresh Hovedstaden pathway with its own slots across Denmark and abroad (deadline today + 25). */
  async function scenario() {
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
    });
    const s = {
      roskilde: await slot('rsj-suh-roskilde', 7),
      odense: await slot('rsd-odense-universitetshospital', 6),
      odenseSameDay: await slot('rsd-odense-universitetshospital', 7),
      aarhus: await slot('rm-aarhus-universitetshospital', 8),
      goedstrup: await slot('rm-regionshospitalet-goedstrup', 9),
      aalborg: await slot('rn-aalborg-universitetshospital', 10),
      aleris: await slot('priv-aleris-aarhus', 11),
      kiel: await slot('de-uksh-kiel', 5),
      kiel2: await slot('de-uksh-kiel', 12),
    };
    return { p, s, mine: new Set(Object.values(s)) };
  }

  const candidates = async (id: string, mine: Set<string>, o?: object) =>
    (await app.ok<any>(CANDIDATES, { id, o }, PLANNER_H)).matchCandidates.filter((c: any) => mine.has(c.slotId));

  async function proposal(pathwayId: string, overrides?: object) {
    const r = (
      await app.ok<any>(
        PROPOSE,
        { i: { cancerArea: AREA, modality: MODALITY, regions: [1084], to: addDays(today, 40), overrides } },
        SECRETARIAT,
      )
    ).proposeAllocation;
    return {
      assignment: r.assignments.find((a: any) => a.pathwayId === pathwayId),
      unassigned: r.unassigned.find((u: any) => u.pathwayId === pathwayId),
    };
  }

  async function declineVia(pathwayId: string, slotId: string, reason: string, extra: object = {}) {
    const o = (await app.ok<any>(CREATE, { i: { pathwayId, slotId } }, PLANNER_H)).createOffer;
    return (
      await app.ok<any>(
        RESPOND,
        { i: { offerId: o.id, response: 'DECLINED', declineReason: reason, ...extra } },
        PLANNER_H,
      )
    ).respondToOffer;
  }

  const offerErr = async (pathwayId: string, slotId: string, overrides?: object) => {
    const r = await app.gql<any>(CREATE, { i: { pathwayId, slotId, overrides } }, PLANNER_H);
    return { code: codeOf(r), message: r.errors?.[0]?.message ?? '', id: r.data?.createOffer?.id };
  };

  const overrideAudits = (pathwayId: string) =>
    app.db.query(
      `SELECT after FROM audit_log WHERE entity_type = 'pathway' AND entity_id = $1 AND action = 'pathway.wishes-override' ORDER BY id`,
      [pathwayId],
    );

  it('ABROAD: no foreign provider again; the declined slot is refused with its date; includeAbroad overrides and is audited', async () => {
    const { p, s, mine } = await scenario();
    expect((await candidates(p.id, mine)).map((c: any) => c.slotId)).toContain(s.kiel);
    await declineVia(p.id, s.kiel, 'ABROAD');

    const second = await candidates(p.id, mine);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((c: any) => c.providerKind === 'FOREIGN')).toEqual([]);
    for (const c of second)
      expect(c.reasons).toContain(`Udlandet udelukket: Patienten afslog behandling i udlandet ${dateDa(today)}`);

    const { assignment } = await proposal(p.id);
    if (assignment) {
      expect(assignment.provider.kind).not.toBe('FOREIGN');
      expect(assignment.reasons.join(' ')).toContain('Patienten afslog behandling i udlandet');
    }

    const declined = await offerErr(p.id, s.kiel);
    expect(declined).toMatchObject({ code: 'INVALID_STATE' });
    expect(declined.message).toContain(`declined this slot on ${today}`);
    const abroad = await offerErr(p.id, s.kiel2);
    expect(abroad.code).toBe('INVALID_STATE');
    expect(abroad.message).toContain('includeAbroad');

    // Override: the other Kiel slot is listed again (never the declined one), and the lifted rule is audited.
    const lifted = await candidates(p.id, mine, { includeAbroad: true });
    expect(lifted.map((c: any) => c.slotId)).toContain(s.kiel2);
    expect(lifted.map((c: any) => c.slotId)).not.toContain(s.kiel);
    expect(lifted[0].reasons.join(' ')).toContain('Tilsidesat for dette opslag (includeAbroad)');
    const withOverride = await proposal(p.id, { includeAbroad: true });
    if (withOverride.assignment) expect(withOverride.assignment.slotId).not.toBe(s.kiel);
    const made = await offerErr(p.id, s.kiel2, { includeAbroad: true });
    expect(made.id).toBeDefined();
    const audits = await overrideAudits(p.id);
    expect(audits.map((a: any) => a.after.context)).toEqual([
      'matchCandidates',
      'proposeAllocation',
      `createOffer slot ${s.kiel2}`,
    ]);
    expect(audits[0].after.lifted).toEqual([
      { override: 'includeAbroad', why: `Patienten afslog behandling i udlandet ${dateDa(today)}` },
    ]);
  });

  it('LANGUAGE at a foreign provider excludes foreign providers like ABROAD', async () => {
    const { p, s, mine } = await scenario();
    await declineVia(p.id, s.kiel, 'LANGUAGE');
    const second = await candidates(p.id, mine);
    expect(second.filter((c: any) => c.provider.country !== 'DK')).toEqual([]);
    expect(second[0].reasons.join(' ')).toContain('sproglige grunde');
    const { assignment } = await proposal(p.id);
    if (assignment) expect(assignment.provider.country).toBe('DK');
    expect((await offerErr(p.id, s.kiel2)).code).toBe('INVALID_STATE');
  });

  it('DISTANCE: only candidates nearer than the declined one, by the ranking distance; farther slots refused', async () => {
    const { p, s, mine } = await scenario();
    const first = await candidates(p.id, mine);
    const aarhusKm = first.find((c: any) => c.slotId === s.aarhus).distanceKm;
    const farther = first.filter((c: any) => c.distanceKm >= aarhusKm && c.slotId !== s.aarhus);
    expect(farther.length).toBeGreaterThan(0);
    await declineVia(p.id, s.aarhus, 'DISTANCE');

    const second = await candidates(p.id, mine);
    expect(second.length).toBeGreaterThan(0);
    for (const c of second) expect(c.distanceKm).toBeLessThan(aarhusKm);
    expect(second[0].reasons.join(' ')).toContain(
      `Patienten afslog et tilbud ${String(aarhusKm).replace('.', ',')} km væk`,
    );
    const { assignment } = await proposal(p.id);
    if (assignment) expect(assignment.distanceKm).toBeLessThan(aarhusKm);

    const refused = await offerErr(p.id, farther[0].slotId);
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('includeFarther');
    const lifted = await candidates(p.id, mine, { includeFarther: true });
    expect(lifted.map((c: any) => c.slotId)).toContain(farther[0].slotId);
    expect(lifted.map((c: any) => c.slotId)).not.toContain(s.aarhus);
  });

  it('PREFERS_OWN_HOSPITAL: other regions still listed but flagged, with the reason', async () => {
    const { p, s, mine } = await scenario();
    await declineVia(p.id, s.odense, 'PREFERS_OWN_HOSPITAL');
    const second = await candidates(p.id, mine);
    expect(second.map((c: any) => c.slotId)).not.toContain(s.odense);
    expect(second.length).toBeGreaterThan(3);
    for (const c of second) {
      expect(c.flagged).toBe(true);
      expect(c.reasons.join(' ')).toContain(`Patienten foretrækker eget sygehus (afslag ${dateDa(today)})`);
    }
    const { assignment } = await proposal(p.id);
    if (assignment) {
      expect(assignment.slotId).not.toBe(s.odense);
      expect(assignment.reasons.join(' ')).toContain('foretrækker eget sygehus');
    }
    expect((await offerErr(p.id, s.odense)).code).toBe('INVALID_STATE');
    expect((await offerErr(p.id, s.roskilde)).id).toBeDefined();
  });

  it('TIMING: candidates on the declined date ranked last, and not allocated on that date', async () => {
    const { p, s, mine } = await scenario();
    await declineVia(p.id, s.roskilde, 'TIMING');
    const second = await candidates(p.id, mine);
    const ids = second.map((c: any) => c.slotId);
    expect(ids).not.toContain(s.roskilde);
    expect(ids[ids.length - 1]).toBe(s.odenseSameDay);
    expect(second[second.length - 1]).toMatchObject({ rankedLast: true });
    expect(second[second.length - 1].reasons.join(' ')).toContain(
      `Rangeret sidst: Patienten afslog tiden ${dateDa(addDays(today, 7))}`,
    );
    expect(second.slice(0, -1).every((c: any) => !c.rankedLast)).toBe(true);
    const { assignment } = await proposal(p.id);
    if (assignment) expect(assignment.date).not.toBe(addDays(today, 7));
    const normal = await candidates(p.id, mine, { includeDeclinedDates: true });
    expect(normal.find((c: any) => c.slotId === s.odenseSameDay).rankedLast).toBe(false);
    expect((await offerErr(p.id, s.roskilde)).code).toBe('INVALID_STATE');
  });

  it('HEALTH: the answer and the search suggest recordPause; the declined slot is not proposed again', async () => {
    const { p, s, mine } = await scenario();
    const answer = await declineVia(p.id, s.goedstrup, 'HEALTH');
    expect(answer.nextStep).toContain('recordPause');
    const search = (await app.ok<any>(SEARCH, { id: p.id }, PLANNER_H)).candidateSearch;
    expect(search.suggestRecordPause).toBe(true);
    expect(search.suggestions[0]).toContain(`Patienten afslog af helbredsmæssige grunde ${dateDa(today)}`);
    expect(search.candidates.map((c: any) => c.slotId)).not.toContain(s.goedstrup);
    expect((await candidates(p.id, mine)).map((c: any) => c.slotId)).not.toContain(s.goedstrup);
    const { assignment } = await proposal(p.id);
    if (assignment) expect(assignment.slotId).not.toBe(s.goedstrup);
    const refused = await offerErr(p.id, s.goedstrup);
    expect(refused).toMatchObject({ code: 'INVALID_STATE' });
    expect(refused.message).toContain(`declined this slot on ${today}`);
  });

  it('proposeAllocation never hands a pathway the slot it declined, even when it is the only one', async () => {
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: 'OTHER',
      phase: 'ADJUVANT_TREATMENT',
      modality: 'RADIOTHERAPY',
    });
    const only = await app.insertSlot(
      'rsd-sygehus-lillebaelt-vejle',
      { date: addDays(today, 4) },
      'OTHER',
      'RADIOTHERAPY',
    );
    const before = (
      await app.ok<any>(
        PROPOSE,
        { i: { cancerArea: 'OTHER', modality: 'RADIOTHERAPY', regions: [1084], to: addDays(today, 5) } },
        SECRETARIAT,
      )
    ).proposeAllocation;
    const mineBefore = before.assignments.find((a: any) => a.pathwayId === p.id);
    await declineVia(p.id, only, 'FAMILY_OR_WORK');
    const after = (
      await app.ok<any>(
        PROPOSE,
        { i: { cancerArea: 'OTHER', modality: 'RADIOTHERAPY', regions: [1084], to: addDays(today, 5) } },
        SECRETARIAT,
      )
    ).proposeAllocation;
    expect(after.assignments.filter((a: any) => a.pathwayId === p.id && a.slotId === only)).toEqual([]);
    if (mineBefore?.slotId === only) expect(after.unassigned.map((u: any) => u.pathwayId)).toContain(p.id);
    // Test files share the database: do not leave a free OTHER/RADIOTHERAPY slot for other proposals.
    await app.db.query(`UPDATE slot SET status = 'WITHDRAWN' WHERE id = $1`, [only]);
  });

  it('phase and modality must agree; offers only for slots of the pathway modality', async () => {
    const bad = await app.gql(
      `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`,
      {
        i: {
          reference: `PM-${Date.now()}`,
          homeMunicipalityCode: 101,
          cancerArea: AREA,
          phase: 'DIAGNOSTIC',
          modality: 'SURGERY',
          clockStart: today,
        },
      },
      PLANNER_H,
    );
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'modality' });
    const bad2 = await app.gql(
      `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`,
      {
        i: {
          reference: `PM2-${Date.now()}`,
          homeMunicipalityCode: 101,
          cancerArea: AREA,
          phase: 'PRIMARY_TREATMENT',
          modality: 'DIAGNOSTIC',
          clockStart: today,
        },
      },
      PLANNER_H,
    );
    expect(bad2.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'modality' });
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
    });
    const diag = await app.insertSlot(
      'rsd-odense-universitetshospital',
      { date: addDays(today, 6) },
      AREA,
      'DIAGNOSTIC',
    );
    const r = await app.gql(CREATE, { i: { pathwayId: p.id, slotId: diag } }, PLANNER_H);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'slotId' });
  });
});
