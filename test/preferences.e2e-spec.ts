import { addDays, todayInCopenhagen } from '@app/deadline';
import { haversineKm } from '@app/matching';
import { distanceBand } from '@app/pathways';
import { bootApp, codeOf, TestApp, waitFor } from './support/harness';

const PLANNER_H = 'planner.hovedstaden@demo.dk';
const SECRETARIAT = 'secretariat@demo.dk';
const COLLAB = 'collab.urinary@demo.dk';
const OBSERVER = 'observer@demo.dk';
const today = todayInCopenhagen();
const AREA = 'URINARY';
const MODALITY = 'SURGERY';

const CANDIDATES = `query($id: ID!, $o: WishOverridesInput) { matchCandidates(pathwayId: $id, limit: 100, overrides: $o) {
  slotId date distanceKm providerKind reasons distanceBand acceptanceRate acceptanceAnswers provider { key country } } }`;
const SEARCH = `query($id: ID!) { candidateSearch(pathwayId: $id, limit: 100) { noneInTimeBecauseOfWishes explanation
  candidates { slotId meetsDeadline } excludedInTime { slotId reason } } }`;
const PROPOSE = `query($i: ProposeAllocationInput!) { proposeAllocation(input: $i) {
  assignments { pathwayId slotId date distanceKm reasons provider { key kind country } } unassigned { pathwayId reason explanation } } }`;
const AGENDA = `query($d: LocalDate!, $o: WishOverridesInput) { meetingAgenda(cancerArea: URINARY, date: $d, overrides: $o) {
  proposal { assignments { pathwayId slotId date distanceKm provider { kind } } } } }`;
const CREATE = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`;
const RESPOND = `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id status } }`;
const PATHWAY = `query($id: ID!) { pathway(id: $id) { maxTravelKm acceptsAbroad acceptsPrivate notBefore } }`;

/** Issue 22: the patient's travel preferences as hard constraints, acceptance rates from answers, the report section. */
describe('travel preferences, acceptance rates and "Afslag og afstand"', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const slot = (key: string, inDays: number) => app.insertSlot(key, { date: addDays(today, inDays) }, AREA, MODALITY);
  const candidates = async (id: string, mine: Set<string>, o?: object) =>
    (await app.ok<any>(CANDIDATES, { id, o }, PLANNER_H)).matchCandidates.filter((c: any) => mine.has(c.slotId));

  async function spread() {
    const s = {
      roskildeEarly: await slot('rsj-suh-roskilde', 3),
      roskilde: await slot('rsj-suh-roskilde', 7),
      odense: await slot('rsd-odense-universitetshospital', 6),
      aarhus: await slot('rm-aarhus-universitetshospital', 8),
      aalborg: await slot('rn-aalborg-universitetshospital', 10),
      aleris: await slot('priv-aleris-aarhus', 11),
      kiel: await slot('de-uksh-kiel', 5),
    };
    return { s, mine: new Set(Object.values(s)) };
  }

  it('preferences set at registration exclude the right candidates in matchCandidates, proposeAllocation and the agenda; overrides are audited', async () => {
    const prefs = { maxTravelKm: 100, acceptsAbroad: false, acceptsPrivate: false, notBefore: addDays(today, 5) };
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
      ...prefs,
    });
    expect((await app.ok<any>(PATHWAY, { id: p.id }, PLANNER_H)).pathway).toEqual(prefs);
    const { s, mine } = await spread();

    const got = await candidates(p.id, mine);
    expect(got.map((c: any) => c.slotId)).toEqual([s.roskilde]);
    const reasons = got[0].reasons.join(' | ');
    for (const why of [
      'Patienten ønsker højst 100 km transport',
      'Patienten ønsker ikke behandling i udlandet',
      'Patienten ønsker ikke behandling på privathospital',
      `Patienten kan tidligst ${Number(prefs.notBefore.slice(8))}.`,
    ]) {
      expect(reasons).toContain(why);
    }

    const check = (a: any) => {
      expect(a.distanceKm).toBeLessThanOrEqual(100);
      expect(a.provider.kind).toBe('PUBLIC');
      expect(a.date >= prefs.notBefore).toBe(true);
    };
    const proposal = (
      await app.ok<any>(
        PROPOSE,
        { i: { cancerArea: AREA, modality: MODALITY, regions: [1084], to: addDays(today, 40) } },
        SECRETARIAT,
      )
    ).proposeAllocation;
    const mineProposed = proposal.assignments.find((a: any) => a.pathwayId === p.id);
    if (mineProposed) check(mineProposed);
    else expect(proposal.unassigned.find((u: any) => u.pathwayId === p.id)).toBeDefined();
    const agenda = (await app.ok<any>(AGENDA, { d: today }, COLLAB)).meetingAgenda.proposal;
    const inAgenda = agenda.assignments.find((a: any) => a.pathwayId === p.id);
    if (inAgenda) check(inAgenda);

    // Override per call: farther and private providers come back, and the lift is audited on the pathway.
    const lifted = await candidates(p.id, mine, { includeFarther: true, includePrivate: true });
    expect(lifted.map((c: any) => c.slotId)).toEqual(
      expect.arrayContaining([s.roskilde, s.odense, s.aarhus, s.aalborg, s.aleris]),
    );
    expect(lifted.map((c: any) => c.slotId)).not.toContain(s.kiel);
    await app.ok<any>(AGENDA, { d: today, o: { includeAbroad: true } }, COLLAB);
    const audits = await app.db.query(
      `SELECT actor_label, after FROM audit_log WHERE entity_type = 'pathway' AND entity_id = $1 AND action = 'pathway.wishes-override' ORDER BY id`,
      [p.id],
    );
    expect(audits[0]).toMatchObject({ actor_label: PLANNER_H, after: { context: 'matchCandidates' } });
    expect(audits[0].after.lifted.map((l: any) => l.override).sort()).toEqual(['includeFarther', 'includePrivate']);
    expect(audits[1]).toMatchObject({
      actor_label: COLLAB,
      after: { context: 'proposeAllocation', lifted: [{ override: 'includeAbroad' }] },
    });

    // Changes are audited with before and after.
    await app.ok(
      `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { id } }`,
      { i: { pathwayId: p.id, maxTravelKm: 50, acceptsPrivate: null } },
      PLANNER_H,
    );
    const [upd] = await app.db.query(
      `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'pathway.update' ORDER BY id DESC LIMIT 1`,
      [p.id],
    );
    expect([
      upd.before.maxTravelKm,
      upd.after.maxTravelKm,
      upd.before.acceptsPrivate,
      upd.after.acceptsPrivate,
    ]).toEqual([100, 50, false, null]);
    expect(
      codeOf(
        await app.gql(
          `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { id } }`,
          { i: { pathwayId: p.id, maxTravelKm: 0 } },
          PLANNER_H,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('a DISTANCE or ABROAD decline records the matching preference in the same call', async () => {
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
    });
    const { s } = await spread();
    const o1 = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s.aarhus } }, PLANNER_H)).createOffer;
    const bad = await app.gql(
      RESPOND,
      { i: { offerId: o1.id, response: 'DECLINED', declineReason: 'TIMING', recordMaxTravelKm: 60 } },
      PLANNER_H,
    );
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'recordMaxTravelKm' });
    await app.ok(
      RESPOND,
      { i: { offerId: o1.id, response: 'DECLINED', declineReason: 'DISTANCE', recordMaxTravelKm: 60 } },
      PLANNER_H,
    );
    const o2 = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s.roskilde } }, PLANNER_H)).createOffer;
    await app.ok(
      RESPOND,
      { i: { offerId: o2.id, response: 'DECLINED', declineReason: 'ABROAD', recordNoAbroad: true } },
      PLANNER_H,
    );
    expect((await app.ok<any>(PATHWAY, { id: p.id }, PLANNER_H)).pathway).toMatchObject({
      maxTravelKm: 60,
      acceptsAbroad: false,
    });
    const trail = await app.db.query(
      `SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'pathway.preferences' ORDER BY id`,
      [p.id],
    );
    expect(trail.map((t: any) => [t.after.maxTravelKm, t.after.acceptsAbroad])).toEqual([
      [60, null],
      [60, false],
    ]);
  });

  it('says explicitly when the preferences leave no candidate in time, and which slots they excluded', async () => {
    const p = await app.registerPathway(PLANNER_H, {
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
      maxTravelKm: 10,
    });
    const { s } = await spread();
    const r = (await app.ok<any>(SEARCH, { id: p.id }, PLANNER_H)).candidateSearch;
    expect(r.candidates.filter((c: any) => c.meetsDeadline)).toEqual([]);
    expect(r.noneInTimeBecauseOfWishes).toBe(true);
    expect(r.explanation).toContain('opfylder patientens ønsker');
    expect(r.explanation).toContain('Patienten ønsker højst 10 km transport');
    expect(r.excludedInTime.map((e: any) => e.slotId)).toEqual(expect.arrayContaining([s.roskilde, s.odense]));
    const proposal = (
      await app.ok<any>(
        PROPOSE,
        { i: { cancerArea: AREA, modality: MODALITY, regions: [1084], to: addDays(today, 40) } },
        SECRETARIAT,
      )
    ).proposeAllocation;
    const u = proposal.unassigned.find((x: any) => x.pathwayId === p.id);
    expect(u).toMatchObject({ reason: 'NO_SLOT' });
    expect(u.explanation).toContain('Patienten ønsker højst 10 km transport');
  });

  it('acceptance rates per distance band and provider kind equal hand-computed values, respect the 20-answer floor and break ties after the deadline', async () => {
    // Answers from Bornholm at Aleris Aarhus (private, > 200 km): seeded directly as answered offers.
    const seedPathway = await app.registerPathway(PLANNER_H, {
      homeMunicipalityCode: 400,
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
    });
    const answer = async (status: 'ACCEPTED' | 'DECLINED', daysAgo: number) => {
      const slotId = await app.insertSlot('priv-aleris-aarhus', { date: addDays(today, -daysAgo) }, AREA, MODALITY);
      await app.db.query(
        `INSERT INTO offer (pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
                            slot_starts_at, slot_date, deadline_at_offer, offered_at, offered_on, expires_at, responded_at, decline_reason)
         SELECT p.id, s.id, $3, p.region_code, p.cancer_area, p.modality, s.provider_id, s.provider_kind, 'DK', s.starts_at, s.slot_date, p.deadline,
                s.starts_at - interval '5 days', (s.starts_at - interval '5 days')::date, s.starts_at - interval '2 days', s.starts_at - interval '3 days', $4
           FROM pathway p, slot s WHERE p.id = $1 AND s.id = $2`,
        [seedPathway.id, slotId, status, status === 'DECLINED' ? 'FAMILY_OR_WORK' : null],
      );
    };
    /** Hand count over the offer table: distance in km from the coordinates, band by its definition. */
    const handCount = async () => {
      const rows: any[] = await app.db.query(
        `SELECT o.status, pr.country, m.lat AS mlat, m.lon AS mlon, pr.lat AS plat, pr.lon AS plon
           FROM offer o JOIN pathway pw ON pw.id = o.pathway_id JOIN municipality m ON m.code = pw.home_municipality_code
           JOIN provider pr ON pr.id = o.provider_id
          WHERE o.provider_kind = 'PRIVATE' AND o.status IN ('ACCEPTED','DECLINED')
            AND coalesce(o.responded_at, o.offered_at) > now() - interval '12 months'`,
      );
      const cell = rows.filter(
        (r) => distanceBand(r.country, Math.round(haversineKm(r.mlat, r.mlon, r.plat, r.plon) * 10) / 10) === '200+',
      );
      return { answers: cell.length, accepted: cell.filter((r) => r.status === 'ACCEPTED').length };
    };
    for (let i = 0; i < 19; i++) await answer(i < 8 ? 'ACCEPTED' : 'DECLINED', 20 + i * 10);
    await answer('ACCEPTED', 400); // older than 12 months: not counted
    await answer('DECLINED', 380);

    const p = await app.registerPathway(PLANNER_H, {
      homeMunicipalityCode: 400,
      cancerArea: AREA,
      phase: 'PRIMARY_TREATMENT',
      modality: MODALITY,
    });
    const aleris = await slot('priv-aleris-aarhus', 6);
    const aarhus = await slot('rm-aarhus-universitetshospital', 6);
    const mine = new Set([aleris, aarhus]);
    const few = await handCount();
    expect(few.answers).toBe(19);
    let got = await candidates(p.id, mine);
    const a1 = got.find((c: any) => c.slotId === aleris);
    expect(a1).toMatchObject({ distanceBand: '200+', acceptanceRate: null, acceptanceAnswers: 19 });
    expect(a1.reasons).toContain('For få svar ved over 200 km til at vise en accept-rate (19 svar)');
    // Without a usable rate the configured kind order decides: the public hospital first.
    expect(got.map((c: any) => c.slotId)).toEqual([aarhus, aleris]);

    for (let i = 0; i < 6; i++) await answer(i < 3 ? 'ACCEPTED' : 'DECLINED', 25 + i * 10);
    const hand = await handCount();
    expect(hand).toEqual({ answers: 25, accepted: 11 });
    got = await candidates(p.id, mine);
    const a2 = got.find((c: any) => c.slotId === aleris);
    expect(a2.acceptanceRate).toBeCloseTo(hand.accepted / hand.answers, 10);
    expect(a2.acceptanceAnswers).toBe(25);
    expect(a2.reasons).toContain('44 % accepteret ved over 200 km, 25 svar');
    // Both in time: the known 44 % now ranks the private slot before the public one whose rate is unknown.
    expect(got.map((c: any) => c.slotId)).toEqual([aleris, aarhus]);
  });

  it('geo_distance_km and distance_band (SQL) agree with their TypeScript twins on generated inputs', async () => {
    const pts = Array.from({ length: 400 }, (_, i) => [
      54 + ((i * 37) % 400) / 100,
      7.5 + ((i * 53) % 800) / 100,
      54 + ((i * 91) % 400) / 100,
      7.5 + ((i * 17) % 800) / 100,
    ]);
    const rows: { km: number; band: string; bandAbroad: string }[] = await app.db.query(
      `SELECT geo_distance_km(a, b, c, d) AS km, distance_band('DK', geo_distance_km(a, b, c, d)) AS band, distance_band('SE', 1) AS "bandAbroad"
         FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[]) AS t(a, b, c, d)`,
      [pts.map((p) => p[0]), pts.map((p) => p[1]), pts.map((p) => p[2]), pts.map((p) => p[3])],
    );
    rows.forEach((r, i) => {
      const [a, b, c, d] = pts[i];
      expect(Math.abs(r.km - Math.round(haversineKm(a, b, c, d) * 10) / 10)).toBeLessThanOrEqual(0.1);
      expect(r.band).toBe(distanceBand('DK', r.km));
      expect(r.bandAbroad).toBe('ABROAD');
    });
    for (const km of [0, 24.9, 25, 49.9, 50, 99.9, 100, 199.9, 200, 1000]) {
      const [{ band }] = await app.db.query(`SELECT distance_band('DK', $1) AS band`, [km]);
      expect(band).toBe(distanceBand('DK', km));
    }
  });

  it('the report section "Afslag og afstand" matches SQL computed in the test (nationally, per region, per band and kind)', async () => {
    const year = 2033;
    const tag = Date.now().toString(36);
    const mk = async (muni: number, region: number) =>
      (
        await app.db.query(
          `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, status, deadline, base_deadline, rule_set)
       VALUES ($1, $2, $3, 'URINARY', 'PRIMARY_TREATMENT', 'SURGERY', '${year}-03-01', 'WAITING', '${year}-03-29', '${year}-03-29', 'DK-2024') RETURNING id`,
          [`D-${tag}-${muni}`, region, muni],
        )
      )[0].id;
    const pH = await mk(101, 1084);
    const pN = await mk(851, 1081);
    const offerAt = async (pathwayId: string, key: string, status: string, day: string) => {
      const slotId = await app.insertSlot(key, { date: `${year}-${day}` }, AREA, MODALITY);
      await app.db.query(
        `INSERT INTO offer (pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
                            slot_starts_at, slot_date, deadline_at_offer, offered_at, offered_on, expires_at, responded_at, decline_reason)
         SELECT p.id, s.id, $3, p.region_code, p.cancer_area, p.modality, s.provider_id, s.provider_kind, pr.country, s.starts_at, s.slot_date, p.deadline,
                s.starts_at - interval '4 days', (s.starts_at - interval '4 days')::date, s.starts_at - interval '1 day',
                CASE WHEN $3::text IN ('ACCEPTED','DECLINED') THEN s.starts_at - interval '2 days' END, CASE WHEN $3::text = 'DECLINED' THEN 'DISTANCE' END
           FROM pathway p, slot s JOIN provider pr ON pr.id = s.provider_id WHERE p.id = $1 AND s.id = $2`,
        [pathwayId, slotId, status],
      );
    };
    await offerAt(pH, 'rsj-suh-roskilde', 'ACCEPTED', '03-10');
    await offerAt(pH, 'rsj-suh-roskilde', 'DECLINED', '03-11');
    await offerAt(pH, 'rm-aarhus-universitetshospital', 'DECLINED', '03-12');
    await offerAt(pH, 'priv-aleris-aarhus', 'ACCEPTED', '04-12');
    await offerAt(pH, 'de-uksh-kiel', 'DECLINED', '05-12');
    await offerAt(pN, 'rn-aalborg-universitetshospital', 'EXPIRED', '03-12');
    await offerAt(pN, 'rm-aarhus-universitetshospital', 'ACCEPTED', '06-12');

    const job = (
      await app.ok<any>(
        `mutation($i: CompileCapacityReportInput!) { compileCapacityReport(input: $i) { id } }`,
        { i: { year } },
        SECRETARIAT,
      )
    ).compileCapacityReport;
    await waitFor(async () => {
      const j = (await app.ok<any>(`query($id: ID!) { reportJob(id: $id) { status error } }`, { id: job.id }, OBSERVER))
        .reportJob;
      if (j.status === 'FAILED') throw new Error(j.error);
      return j.status === 'DONE';
    }, 60000);
    const token = await app.token(OBSERVER);
    const json = JSON.parse(
      (await app.http().get(`/reports/${job.id}.json`).set('authorization', `Bearer ${token}`).expect(200)).text,
    );
    expect(json.sections.map((x: any) => x.key)).toContain('distance');
    const got = new Map<string, number | null>(
      json.rows
        .filter((r: any) => r.figure.startsWith('distance.'))
        .map((r: any) => [`${r.figure}|${r.region}|${r.providerKind}|${r.category}`, r.value]),
    );

    // The same figures computed here: distance from the coordinates, banded by the definition.
    const src: any[] = await app.db.query(
      `SELECT o.status, o.provider_kind, effective_region(o.region_code, o.offered_on)::text AS region, pr.country,
              m.lat AS mlat, m.lon AS mlon, pr.lat AS plat, pr.lon AS plon
         FROM offer o JOIN pathway pw ON pw.id = o.pathway_id JOIN municipality m ON m.code = pw.home_municipality_code
         JOIN provider pr ON pr.id = o.provider_id
        WHERE o.offered_on >= '${year}-01-01' AND o.offered_on < '${year + 1}-01-01'`,
    );
    expect(src).toHaveLength(7);
    const rows = src.map((r) => ({
      ...r,
      band: distanceBand(r.country, Math.round(haversineKm(r.mlat, r.mlon, r.plat, r.plon) * 10) / 10),
    }));
    const expected = new Map<string, number>();
    for (const r of rows) {
      for (const region of ['ALL', r.region])
        for (const kind of ['ALL', r.provider_kind])
          for (const band of ['', r.band]) {
            const k = `|${region}|${kind}|${band}`;
            expected.set(`distance.offers${k}`, (expected.get(`distance.offers${k}`) ?? 0) + 1);
            expected.set(
              `distance.accepted${k}`,
              (expected.get(`distance.accepted${k}`) ?? 0) + (r.status === 'ACCEPTED' ? 1 : 0),
            );
            expected.set(
              `distance.declined${k}`,
              (expected.get(`distance.declined${k}`) ?? 0) + (r.status === 'DECLINED' ? 1 : 0),
            );
          }
    }
    for (const [k, v] of expected) expect([k, got.get(k)]).toEqual([k, v]);
    expect(got.get('distance.accepted_share|ALL|ALL|')).toBe(Math.round((3 / 6) * 10000) / 10000);
    expect(rows.find((r) => r.provider_kind === 'FOREIGN')!.band).toBe('ABROAD');

    const csv = (await app.http().get(`/reports/${job.id}.csv`).set('authorization', `Bearer ${token}`).expect(200))
      .text;
    expect(csv).toContain(`distance.offers,count,ALL,ALL,ALL,ALL,ABROAD,1`);
    const html = (await app.http().get(`/reports/${job.id}.html`).set('authorization', `Bearer ${token}`).expect(200))
      .text;
    expect(html).toContain('<h2 id="distance">Afslag og afstand</h2>');
    expect(html).toContain('Accepterede og afslåede tilbud pr. afstand, hele landet');
  });
});
