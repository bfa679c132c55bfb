import fc from 'fast-check';
import { bootApp, TestApp } from './support/harness';

/**
 * Bad-input fuzz: random, oversized, unicode and CPR-like values for every field of every mutation, sent as
 * variables of the right GraphQL type (so they pass coercion and reach validation and the services) and sometimes of
 * the wrong type (dates stay before 2031, the report test's year). Every answer must be data or typed errors — never INTERNAL_SERVER_ERROR, a 5xx or a stack trace —
 * and a rejected mutation must leave the database exactly as it was.
 */
const ALLOWED = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SLOT_NOT_AVAILABLE',
  'AGREEMENT_REQUIRED',
  'INVALID_STATE',
  'PERSONAL_DATA_REJECTED',
  'TOO_MANY_REQUESTS',
]);

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '010203-1234',
    '0102031234',
    'ref 311299 9999',
    '',
    ' ',
    '\u0000',
    "'; DROP TABLE pathway; --",
    '<script>x</script>',
    'Ærø-Å',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  ),
  fc.string({ minLength: 3000, maxLength: 5000 }),
);
const str = nasty;
const int = fc.oneof(
  fc.integer({ min: -5, max: 3000 }),
  fc.constantFrom(0, 101, 851, 1084, 2_147_483_647, -2_147_483_648),
);
// Mostly well-typed values (so they pass GraphQL coercion and reach validation and the services), sometimes garbage.
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: str, weight: 1 });
const date = mostly(
  fc.oneof(
    fc.constantFrom(
      '2026-02-30',
      '2026-13-01',
      '0000-01-01',
      '2030-12-31',
      '2027-01-01',
      '2026-12-24',
      '20260101',
      '2026-1-1',
    ),
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ),
);
const instant = mostly(
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
const id = mostly(fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid')));
const oneOf = (...xs: string[]) => mostly(fc.constantFrom(...xs));
const area = oneOf('BREAST', 'LUNG', 'OTHER');
const modality = oneOf('SURGERY', 'DIAGNOSTIC', 'CHEMOTHERAPY');
const phase = oneOf('DIAGNOSTIC', 'PRIMARY_TREATMENT', 'ADJUVANT_TREATMENT');

type Gen = Record<string, fc.Arbitrary<unknown>>;
const MUTATIONS: [string, string, string, Gen][] = [
  [
    'createProvider',
    'CreateProviderInput',
    'id',
    {
      name: str,
      kind: oneOf('PUBLIC', 'PRIVATE', 'FOREIGN'),
      regionCode: int,
      country: str,
      lat: fc.double(),
      lon: fc.double(),
      cancerAreas: fc.array(area, { maxLength: 3 }),
      modalities: fc.array(modality, { maxLength: 3 }),
    },
  ],
  [
    'createAgreement',
    'CreateAgreementInput',
    'id',
    {
      providerId: id,
      validFrom: date,
      validTo: date,
      cancerAreas: fc.array(area, { maxLength: 3 }),
      modalities: fc.array(modality, { maxLength: 3 }),
      pricePerCourseDkk: fc.double(),
      notes: str,
    },
  ],
  [
    'publishSlots',
    'PublishSlotsInput',
    'id',
    { providerId: id, cancerArea: area, modality, starts: fc.array(instant, { maxLength: 3 }), durationMinutes: int },
  ],
  [
    'publishSlotSeries',
    'PublishSlotSeriesInput',
    'id',
    {
      providerId: id,
      cancerArea: area,
      modality,
      weekdays: fc.array(int, { maxLength: 8 }),
      startTime: fc.oneof(fc.constantFrom('09:00', '24:00', '02:30'), str),
      durationMinutes: int,
      fromDate: date,
      toDate: date,
      countPerOccurrence: int,
    },
  ],
  [
    'registerPathway',
    'RegisterPathwayInput',
    'id',
    {
      reference: str,
      homeMunicipalityCode: int,
      cancerArea: area,
      phase,
      modality,
      clockStart: date,
      patientAcceptedOn: fc.option(date),
      expectedDate: fc.option(date),
    },
  ],
  [
    'updatePathway',
    'UpdatePathwayInput',
    'id',
    {
      pathwayId: id,
      expectedDate: fc.option(date),
      status: fc.option(oneOf('WAITING', 'TREATED', 'CLOSED')),
      treatedOn: fc.option(date),
    },
  ],
  [
    'recordPause',
    'RecordPauseInput',
    'id',
    { pathwayId: id, from: date, to: date, reason: oneOf('HEALTH', 'PATIENT_CHOICE'), note: fc.option(str) },
  ],
  [
    'createOffer',
    'CreateOfferInput',
    'id',
    { pathwayId: id, slotId: id, expiresAt: fc.option(instant), allowOwnRegion: fc.option(fc.boolean()) },
  ],
  [
    'respondToOffer',
    'RespondToOfferInput',
    'id',
    {
      offerId: id,
      response: oneOf('ACCEPTED', 'DECLINED'),
      declineReason: fc.option(oneOf('ABROAD', 'OTHER', 'DISTANCE')),
      note: fc.option(str),
    },
  ],
  [
    'createMeeting',
    'CreateMeetingInput',
    'id',
    { cancerArea: area, date, title: fc.option(str), attendeeIds: fc.option(fc.array(id, { maxLength: 3 })) },
  ],
  [
    'recordMeetingDecision',
    'RecordMeetingDecisionInput',
    'id',
    {
      meetingId: id,
      pathwayId: fc.option(id),
      kind: oneOf('OFFER_MADE', 'NO_ACTION', 'ESCALATE'),
      offerId: fc.option(id),
      reason: fc.option(str),
    },
  ],
  ['compileCapacityReport', 'CompileCapacityReportInput', 'id', { year: int, quarter: fc.option(int) }],
];

const FINGERPRINT = `SELECT (SELECT count(*) FROM provider) p, (SELECT count(*) FROM agreement) a, (SELECT count(*) FROM slot) s,
  (SELECT count(*) FROM pathway) pw, (SELECT count(*) FROM pathway_pause) pp, (SELECT count(*) FROM offer) o,
  (SELECT count(*) FROM meeting) m, (SELECT count(*) FROM meeting_decision) md, (SELECT count(*) FROM report) r,
  (SELECT count(*) FROM audit_log) al, (SELECT count(*) FROM outbox) ob`;

describe('bad-input fuzz of every mutation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(MUTATIONS)(
    '%s answers every random input with data or typed errors, and errors change nothing',
    async (name, inputType, field, gen) => {
      // The secretariat may call every mutation, so inputs reach validation and the services rather than FORBIDDEN.
      const token = await app.token('secretariat@demo.dk');
      const query = `mutation($i: ${inputType}!) { ${name}(input: $i) { ${field} } }`;
      let deep = 0;
      const inputs = fc.oneof(
        { arbitrary: fc.record(gen), weight: 4 },
        { arbitrary: fc.record(gen, { requiredKeys: [] }), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(
          inputs,
          fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          async (input, asWrongType) => {
            const before = (await app.db.query(FINGERPRINT))[0];
            const variables = { i: asWrongType ? { ...input, [Object.keys(gen)[0]]: [1, { x: 2 }] } : input };
            const res = await app
              .http()
              .post('/graphql')
              .set('authorization', `Bearer ${token}`)
              .send({ query, variables });
            expect(res.status).toBeLessThan(500);
            const text = JSON.stringify(res.body);
            expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|\.ts:\d+|\.js:\d+/);
            if (res.body.errors) {
              for (const e of res.body.errors) expect(ALLOWED).toContain(e.extensions?.code);
              expect((await app.db.query(FINGERPRINT))[0]).toEqual(before);
            }
            // Past GraphQL's own variable coercion: the input reached our validation or the service.
            if (!res.body.errors || !/^Variable "\$i"/.test(res.body.errors[0].message)) deep++;
          },
        ),
        { numRuns: 60, seed: 42 },
      );
      expect(deep).toBeGreaterThan(5);
    },
  );
});
