import { bootApp, codeOf, TestApp } from './support/harness';

const DAY = 86_400_000;

/**
 * Role matrix for every query and mutation of the contract: each role either gets FORBIDDEN or gets past
 * authorisation (then any other outcome — data, NOT_FOUND, BAD_USER_INPUT for the dummy arguments — counts as allowed).
 * Region and cancer-area scoping within a role is asserted in each domain's own e2e tests.
 */
type R = 'S' | 'P' | 'C' | 'O';
const USERS: Record<R, string> = {
  S: 'secretariat@demo.dk',
  P: 'planner.hovedstaden@demo.dk',
  C: 'collab.breast@demo.dk',
  O: 'observer@demo.dk',
};
const Z = '00000000-0000-4000-8000-000000000000';
const future = '2030-01-07';

const OPERATIONS: [string, string, Record<string, unknown>, R[]][] = [
  ['me', `{ me { id } }`, {}, ['S', 'P', 'C', 'O']],
  ['regions', `{ regions { code } }`, {}, ['S', 'P', 'C', 'O']],
  ['municipalities', `{ municipalities { code } }`, {}, ['S', 'P', 'C', 'O']],
  ['providers', `{ providers { id } }`, {}, ['S', 'P', 'C', 'O']],
  ['agreements', `{ agreements { id } }`, {}, ['S', 'P', 'C']],
  // Observers see reports and aggregates only: no slots, free or not (issue #14 item 12).
  ['slots', `{ slots(first: 1) { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['slots HELD', `{ slots(first: 1, filter: {status: HELD}) { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['pathways', `{ pathways(first: 1) { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['pathway', `query($id: ID!) { pathway(id: $id) { id } }`, { id: Z }, ['S', 'P', 'C']],
  ['warnings', `{ warnings { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['matchCandidates', `query($id: ID!) { matchCandidates(pathwayId: $id) { rank } }`, { id: Z }, ['S', 'P', 'C']],
  ['proposeAllocation', `{ proposeAllocation(input: {cancerArea: BREAST}) { totals { placed } } }`, {}, ['S', 'C']],
  ['offers', `{ offers(first: 1) { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['offer', `query($id: ID!) { offer(id: $id) { id } }`, { id: Z }, ['S', 'P', 'C']],
  ['deadline', `{ deadline(input: {phase: DIAGNOSTIC, clockStart: "2026-01-05"}) { deadline } }`, {}, ['S', 'P', 'C']],
  ['meetings', `{ meetings(first: 1) { nodes { id } } }`, {}, ['S', 'C']],
  ['meetingAgenda', `{ meetingAgenda(cancerArea: BREAST, date: "${future}") { date } }`, {}, ['S', 'C']],
  ['waitingOverview', `{ waitingOverview { regionCode } }`, {}, ['S', 'P', 'C', 'O']],
  ['auditLog', `{ auditLog(first: 1) { nodes { id } } }`, {}, ['S']],
  ['reports', `{ reports(first: 1) { nodes { id } } }`, {}, ['S', 'O']],
  ['reportJob', `query($id: ID!) { reportJob(id: $id) { id } }`, { id: Z }, ['S', 'O']],
  [
    'createProvider',
    `mutation { createProvider(input: {name: "X klinik", kind: FOREIGN, country: "DK", lat: 55, lon: 12, cancerAreas: [BREAST], modalities: [SURGERY]}) { id } }`,
    {},
    ['S'],
  ],
  [
    'createAgreement',
    `mutation($id: ID!) { createAgreement(input: {providerId: $id, validFrom: "2030-01-01", validTo: "2030-12-31", cancerAreas: [BREAST], modalities: [SURGERY]}) { id } }`,
    { id: Z },
    ['S'],
  ],
  [
    'updateProvider',
    `mutation($id: ID!) { updateProvider(input: {id: $id, name: "Y klinik"}) { id } }`,
    { id: Z },
    ['S'],
  ],
  [
    'updateAgreement',
    `mutation($id: ID!) { updateAgreement(input: {id: $id, validTo: "2031-12-31"}) { id } }`,
    { id: Z },
    ['S'],
  ],
  [
    'publishSlots',
    `mutation($id: ID!) { publishSlots(input: {providerId: $id, cancerArea: BREAST, modality: SURGERY, starts: ["2030-01-07T09:00:00Z"], durationMinutes: 60}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  [
    'publishSlotSeries',
    `mutation($id: ID!) { publishSlotSeries(input: {providerId: $id, cancerArea: BREAST, modality: SURGERY, weekdays: [6], startTime: "09:00", durationMinutes: 60, fromDate: "2030-01-01", toDate: "2030-01-31"}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  ['withdrawSlot', `mutation($id: ID!) { withdrawSlot(id: $id) { id } }`, { id: Z }, ['S', 'P']],
  [
    'registerPathway',
    `mutation { registerPathway(input: {reference: "AUTHZ", homeMunicipalityCode: 999, cancerArea: BREAST, phase: DIAGNOSTIC, modality: DIAGNOSTIC, clockStart: "2026-01-05"}) { id } }`,
    {},
    ['S', 'P'],
  ],
  [
    'updatePathway',
    `mutation($id: ID!) { updatePathway(input: {pathwayId: $id, expectedDate: "2026-02-01"}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  [
    'recordPause',
    `mutation($id: ID!) { recordPause(input: {pathwayId: $id, from: "2026-02-01", to: "2026-02-03", reason: HEALTH}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  [
    'createOffer',
    `mutation($id: ID!) { createOffer(input: {pathwayId: $id, slotId: $id}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  [
    'respondToOffer',
    `mutation($id: ID!) { respondToOffer(input: {offerId: $id, response: ACCEPTED}) { id } }`,
    { id: Z },
    ['S', 'P'],
  ],
  ['withdrawOffer', `mutation($id: ID!) { withdrawOffer(offerId: $id) { id } }`, { id: Z }, ['S', 'P']],
  ['runEarlyWarning', `mutation { runEarlyWarning { queued } }`, {}, ['S', 'P']],
  [
    'createMeeting',
    `mutation { createMeeting(input: {cancerArea: BREAST, date: "${future}", title: "Authz-matrix"}) { id } }`,
    {},
    ['S', 'C'],
  ],
  ['compileCapacityReport', `mutation { compileCapacityReport(input: {year: 1999}) { id } }`, {}, ['S']],
  ['sampleAudits', `{ sampleAudits { nodes { id } } }`, {}, ['S']],
  ['sampleAudit', `query($id: ID!) { sampleAudit(id: $id) { id } }`, { id: Z }, ['S']],
  [
    'startSampleAudit',
    `mutation { startSampleAudit(input: {title: "Authz-matrix", cancerArea: OTHER, criterion: TREATED_LATE, from: "1990-01-01", to: "1990-12-31"}) { id } }`,
    {},
    ['S'],
  ],
  [
    'recordAuditFinding',
    `mutation($id: ID!) { recordAuditFinding(input: {auditId: $id, pathwayId: $id, finding: MET}) { pathwayId } }`,
    { id: Z },
    ['S'],
  ],
  ['closeSampleAudit', `mutation($id: ID!) { closeSampleAudit(input: {auditId: $id}) { id } }`, { id: Z }, ['S']],
  [
    'recordMeetingDecision',
    `mutation($id: ID!) { recordMeetingDecision(input: {meetingId: $id, kind: ESCALATE, reason: "x"}) { id } }`,
    { id: Z },
    ['S', 'C'],
  ],
];

describe('authorisation matrix: every operation × role', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const cases = OPERATIONS.flatMap(([name, query, vars, allowed]) =>
    (Object.keys(USERS) as R[]).map((role) => [name, role, allowed.includes(role), query, vars] as const),
  );

  it.each(cases)('%s as %s: allowed=%s', async (_name, role, allowed, query, vars) => {
    const res = await app.gql(query, vars, USERS[role]);
    if (allowed) expect(codeOf(res)).not.toBe('FORBIDDEN');
    else expect(codeOf(res)).toBe('FORBIDDEN');
    expect(codeOf(res)).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it.each(OPERATIONS.map(([name, query, vars]) => [name, query, vars] as const))(
    '%s without a token is UNAUTHENTICATED',
    async (_n, query, vars) => {
      expect(codeOf(await app.gql(query, vars))).toBe('UNAUTHENTICATED');
    },
  );

  it('non-free slots: planners see their own region and slots held for their own pathways only', async () => {
    // A Midtjylland (1082) slot held by an offer for a Hovedstaden (1084) pathway.
    const p = await app.registerPathway(USERS.P, {
      clockStart: new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10),
    });
    const slotId = await app.insertSlot('rm-aarhus-universitetshospital', { inMs: 10 * DAY }, 'BREAST', 'SURGERY');
    await app.ok(
      `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`,
      { i: { pathwayId: p.id, slotId } },
      USERS.P,
    );
    const held = async (email: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: any = await app.ok(
          `query($a: String) { slots(first: 200, after: $a, filter: {status: HELD}) { nodes { id regionCode } pageInfo { hasNextPage endCursor } } }`,
          { a: after },
          email,
        );
        ids.push(...r.slots.nodes.map((n: any) => n.id));
        if (!r.slots.pageInfo.hasNextPage) return ids;
        after = r.slots.pageInfo.endCursor;
      }
    };
    expect(await held(USERS.S)).toContain(slotId);
    expect(await held(USERS.P)).toContain(slotId); // held for the planner's own pathway
    expect(await held('planner.midtjylland@demo.dk')).toContain(slotId); // the providing region
    expect(await held('planner.nordjylland@demo.dk')).not.toContain(slotId); // neither: the leak of issue #14
    expect(await held(USERS.C)).toContain(slotId); // collaboration: own cancer area (BREAST)
    expect(await held('collab.lung@demo.dk')).not.toContain(slotId);
    const nordjylland = await app.token('planner.nordjylland@demo.dk');
    const read = await app.http().get(`/fhir/Slot/${slotId}`).set('authorization', `Bearer ${nordjylland}`);
    expect(read.status).toBe(403);
    const own = await app
      .http()
      .get(`/fhir/Slot/${slotId}`)
      .set('authorization', `Bearer ${await app.token(USERS.P)}`);
    expect(own.status).toBe(200);
    // Every planner's HELD/BOOKED listing holds only slots of the own region or of the own pathways.
    for (const email of ['planner.nordjylland@demo.dk', 'planner.syddanmark@demo.dk']) {
      const r: any = await app.ok(
        `{ slots(first: 200, filter: {status: BOOKED}) { nodes { regionCode } } }`,
        {},
        email,
      );
      const code = email.includes('nordjylland') ? 1081 : 1083;
      const rows = await app.db.query(
        `SELECT count(*)::int AS n FROM slot WHERE status = 'BOOKED' AND (region_code = $1 OR held_for_region_code = $1)`,
        [code],
      );
      expect(r.slots.nodes.length).toBe(Math.min(200, rows[0].n));
    }
  });

  it('every REST route but /health and /fhir/metadata needs a token', async () => {
    await app.http().get('/health').expect(200);
    await app.http().get('/fhir/metadata').expect(200);
    for (const path of [
      `/fhir/Slot`,
      `/fhir/Slot/${Z}`,
      `/fhir/Schedule`,
      `/fhir/Schedule/${Z}.breast.surgery`,
      `/fhir/Location`,
      `/fhir/Location/${Z}`,
      `/fhir/$bulk-publish`,
      `/fhir/$bulk-publish/Slot.ndjson`,
      `/capacity/imports`,
      `/pathways/${Z}/evidence.csv`,
      `/reports/${Z}.html`,
      `/reports/${Z}.csv`,
      `/reports/${Z}.json`,
      `/reports/${Z}.pdf`,
    ]) {
      const res = await app.http().get(path);
      expect([path, res.status]).toEqual([path, 401]);
    }
    expect((await app.http().post('/capacity/import')).status).toBe(401);
  });

  /** REST routes × role: 403 or not (any other status counts as past authorisation). */
  const REST: [string, string, R[]][] = [
    ['GET', '/fhir/Slot', ['S', 'P', 'C']],
    ['GET', `/fhir/Slot/${Z}`, ['S', 'P', 'C']],
    ['GET', `/pathways/${Z}/evidence.csv`, ['S', 'P', 'C']],
    ['GET', `/reports/${Z}.html`, ['S', 'O']],
    ['GET', '/fhir/Schedule', ['S', 'P', 'C']],
    ['GET', '/fhir/$bulk-publish', ['S', 'P', 'C']],
    ['GET', '/fhir/$bulk-publish/Location.ndjson', ['S', 'P', 'C']],
    ['GET', '/fhir/Location', ['S', 'P', 'C', 'O']],
    ['POST', '/capacity/import', ['S', 'P']],
    ['GET', '/capacity/imports', ['S', 'P']],
  ];
  it.each(
    REST.flatMap(([method, path, allowed]) =>
      (Object.keys(USERS) as R[]).map((role) => [method, path, role, allowed.includes(role)] as const),
    ),
  )('REST %s %s as %s: allowed=%s', async (method, path, role, allowed) => {
    const token = `Bearer ${await app.token(USERS[role])}`;
    const res =
      method === 'GET'
        ? await app.http().get(path).set('authorization', token)
        : await app.http().post(path).set('authorization', token);
    if (allowed) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
    expect(res.status).toBeLessThan(500);
  });
});
