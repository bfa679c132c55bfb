import { bootApp, codeOf, TestApp } from './support/harness';

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
  ['slots', `{ slots(first: 1) { nodes { id } } }`, {}, ['S', 'P', 'C', 'O']],
  ['pathways', `{ pathways(first: 1) { nodes { id } } }`, {}, ['S', 'P', 'C']],
  ['pathway', `query($id: ID!) { pathway(id: $id) { id } }`, { id: Z }, ['S', 'P', 'C']],
  ['warnings', `{ warnings { id } }`, {}, ['S', 'P', 'C']],
  ['matchCandidates', `query($id: ID!) { matchCandidates(pathwayId: $id) { rank } }`, { id: Z }, ['S', 'P', 'C']],
  ['proposeAllocation', `{ proposeAllocation(input: {cancerArea: BREAST}) { totals { placed } } }`, {}, ['S', 'C']],
  ['offers', `{ offers { id } }`, {}, ['S', 'P', 'C']],
  ['offer', `query($id: ID!) { offer(id: $id) { id } }`, { id: Z }, ['S', 'P', 'C']],
  ['deadline', `{ deadline(input: {phase: DIAGNOSTIC, clockStart: "2026-01-05"}) { deadline } }`, {}, ['S', 'P', 'C']],
  ['meetings', `{ meetings { id } }`, {}, ['S', 'C']],
  ['meetingAgenda', `{ meetingAgenda(cancerArea: BREAST, date: "${future}") { date } }`, {}, ['S', 'C']],
  ['waitingOverview', `{ waitingOverview { regionCode } }`, {}, ['S', 'P', 'C', 'O']],
  ['auditLog', `{ auditLog(filter: {first: 1}) { id } }`, {}, ['S']],
  ['reports', `{ reports { id } }`, {}, ['S', 'O']],
  ['reportJob', `query($id: ID!) { reportJob(id: $id) { id } }`, { id: Z }, ['S', 'O']],
  ['createProvider', `mutation { createProvider(input: {name: "X klinik", kind: FOREIGN, country: "DK", lat: 55, lon: 12, cancerAreas: [BREAST], modalities: [SURGERY]}) { id } }`, {}, ['S']],
  ['createAgreement', `mutation($id: ID!) { createAgreement(input: {providerId: $id, validFrom: "2030-01-01", validTo: "2030-12-31", cancerAreas: [BREAST], modalities: [SURGERY]}) { id } }`, { id: Z }, ['S']],
  ['updateProvider', `mutation($id: ID!) { updateProvider(input: {id: $id, name: "Y klinik"}) { id } }`, { id: Z }, ['S']],
  ['updateAgreement', `mutation($id: ID!) { updateAgreement(input: {id: $id, validTo: "2031-12-31"}) { id } }`, { id: Z }, ['S']],
  ['publishSlots', `mutation($id: ID!) { publishSlots(input: {providerId: $id, cancerArea: BREAST, modality: SURGERY, starts: ["2030-01-07T09:00:00Z"], durationMinutes: 60}) { id } }`, { id: Z }, ['S', 'P']],
  ['publishSlotSeries', `mutation($id: ID!) { publishSlotSeries(input: {providerId: $id, cancerArea: BREAST, modality: SURGERY, weekdays: [6], startTime: "09:00", durationMinutes: 60, fromDate: "2030-01-01", toDate: "2030-01-31"}) { id } }`, { id: Z }, ['S', 'P']],
  ['withdrawSlot', `mutation($id: ID!) { withdrawSlot(id: $id) { id } }`, { id: Z }, ['S', 'P']],
  ['registerPathway', `mutation { registerPathway(input: {reference: "AUTHZ", homeMunicipalityCode: 999, cancerArea: BREAST, phase: DIAGNOSTIC, modality: DIAGNOSTIC, clockStart: "2026-01-05"}) { id } }`, {}, ['S', 'P']],
  ['updatePathway', `mutation($id: ID!) { updatePathway(input: {pathwayId: $id, expectedDate: "2026-02-01"}) { id } }`, { id: Z }, ['S', 'P']],
  ['recordPause', `mutation($id: ID!) { recordPause(input: {pathwayId: $id, from: "2026-02-01", to: "2026-02-03", reason: HEALTH}) { id } }`, { id: Z }, ['S', 'P']],
  ['createOffer', `mutation($id: ID!) { createOffer(input: {pathwayId: $id, slotId: $id}) { id } }`, { id: Z }, ['S', 'P']],
  ['respondToOffer', `mutation($id: ID!) { respondToOffer(input: {offerId: $id, response: ACCEPTED}) { id } }`, { id: Z }, ['S', 'P']],
  ['withdrawOffer', `mutation($id: ID!) { withdrawOffer(offerId: $id) { id } }`, { id: Z }, ['S', 'P']],
  ['runEarlyWarning', `mutation { runEarlyWarning { queued } }`, {}, ['S', 'P']],
  ['createMeeting', `mutation { createMeeting(input: {cancerArea: BREAST, date: "${future}", title: "Authz-matrix"}) { id } }`, {}, ['S', 'C']],
  ['compileCapacityReport', `mutation { compileCapacityReport(input: {year: 1999}) { id } }`, {}, ['S']],
  ['recordMeetingDecision', `mutation($id: ID!) { recordMeetingDecision(input: {meetingId: $id, kind: ESCALATE, reason: "x"}) { id } }`, { id: Z }, ['S', 'C']],
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
    (Object.keys(USERS) as R[]).map((role) => [name, role, allowed.includes(role), query, vars] as const));

  it.each(cases)('%s as %s: allowed=%s', async (_name, role, allowed, query, vars) => {
    const res = await app.gql(query, vars, USERS[role]);
    if (allowed) expect(codeOf(res)).not.toBe('FORBIDDEN');
    else expect(codeOf(res)).toBe('FORBIDDEN');
    expect(codeOf(res)).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it.each(OPERATIONS.map(([name, query, vars]) => [name, query, vars] as const))('%s without a token is UNAUTHENTICATED', async (_n, query, vars) => {
    expect(codeOf(await app.gql(query, vars))).toBe('UNAUTHENTICATED');
  });

  it('every REST route but /health needs a token', async () => {
    await app.http().get('/health').expect(200);
    for (const path of [`/fhir/Slot`, `/fhir/Slot/${Z}`, `/pathways/${Z}/evidence.csv`, `/reports/${Z}.html`, `/reports/${Z}.csv`, `/reports/${Z}.json`]) {
      const res = await app.http().get(path);
      expect([path, res.status]).toEqual([path, 401]);
    }
  });
});
