import { bootApp, codeOf, TestApp } from './support/harness';

const S = 'secretariat@demo.dk';

/** The secretariat edits the provider and agreement catalogue: typed errors, one audit entry per change. */
describe('reference: updateProvider and updateAgreement', () => {
  let app: TestApp;
  let providerId: string;
  let agreementId: string;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    const p = await app.ok<{ createProvider: { id: string } }>(
      `mutation { createProvider(input: {name: "Klinik Redigér", kind: PRIVATE, regionCode: 1083, country: "DK", lat: 55.4, lon: 10.4,
         cancerAreas: [BREAST, LUNG], modalities: [SURGERY, DIAGNOSTIC]}) { id } }`,
      {},
      S,
    );
    providerId = p.createProvider.id;
    const a = await app.ok<{ createAgreement: { id: string } }>(
      `mutation($id: ID!) { createAgreement(input: {providerId: $id, validFrom: "2026-01-01", validTo: "2026-12-31",
         cancerAreas: [BREAST], modalities: [SURGERY], pricePerCourseDkk: 50000}) { id } }`,
      { id: providerId },
      S,
    );
    agreementId = a.createAgreement.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('extends an agreement and changes its price; the audit log has before and after', async () => {
    const d = await app.ok<{
      updateAgreement: { validTo: string; pricePerCourseDkk: number; cancerAreas: string[]; notes: string };
    }>(
      `mutation($id: ID!) { updateAgreement(input: {id: $id, validTo: "2027-06-30", pricePerCourseDkk: 55000, notes: "Forlænget"}) {
         validTo pricePerCourseDkk cancerAreas notes } }`,
      { id: agreementId },
      S,
    );
    expect(d.updateAgreement).toEqual({
      validTo: '2027-06-30',
      pricePerCourseDkk: 55000,
      cancerAreas: ['BREAST'],
      notes: 'Forlænget',
    });
    const log = await app.ok<{
      auditLog: { nodes: { action: string; before: { validTo: string }; after: { validTo: string } }[] };
    }>(
      `query($id: String!) { auditLog(filter: {entityId: $id, entityType: "agreement"}) { nodes { action before after } } }`,
      { id: agreementId },
      S,
    );
    expect(log.auditLog.nodes[0]).toMatchObject({
      action: 'agreement.update',
      before: { validTo: '2026-12-31' },
      after: { validTo: '2027-06-30' },
    });
  });

  it('null clears the price; omitted fields stay', async () => {
    const d = await app.ok<{ updateAgreement: { pricePerCourseDkk: number | null; validTo: string } }>(
      `mutation($id: ID!) { updateAgreement(input: {id: $id, pricePerCourseDkk: null}) { pricePerCourseDkk validTo } }`,
      { id: agreementId },
      S,
    );
    expect(d.updateAgreement).toEqual({ pricePerCourseDkk: null, validTo: '2027-06-30' });
  });

  it('refuses an end before the start, an area the provider lacks, and an unknown id with typed errors', async () => {
    const early = await app.gql(
      `mutation($id: ID!) { updateAgreement(input: {id: $id, validTo: "2025-01-01"}) { id } }`,
      { id: agreementId },
      S,
    );
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0].extensions!.field).toBe('validTo');
    const area = await app.gql(
      `mutation($id: ID!) { updateAgreement(input: {id: $id, cancerAreas: [URINARY]}) { id } }`,
      { id: agreementId },
      S,
    );
    expect(area.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cancerAreas' });
    const none = await app.gql(
      `mutation { updateAgreement(input: {id: "00000000-0000-4000-8000-000000000000", notes: "x"}) { id } }`,
      {},
      S,
    );
    expect(codeOf(none)).toBe('NOT_FOUND');
  });

  it('renames a provider; narrowing it below its agreements is refused', async () => {
    const d = await app.ok<{
      updateProvider: { name: string; cancerAreas: string[]; kind: string; regionCode: number };
    }>(
      `mutation($id: ID!) { updateProvider(input: {id: $id, name: "Klinik Redigeret", cancerAreas: [BREAST]}) { name cancerAreas kind regionCode } }`,
      { id: providerId },
      S,
    );
    expect(d.updateProvider).toEqual({
      name: 'Klinik Redigeret',
      cancerAreas: ['BREAST'],
      kind: 'PRIVATE',
      regionCode: 1083,
    });
    const narrow = await app.gql(
      `mutation($id: ID!) { updateProvider(input: {id: $id, modalities: [DIAGNOSTIC]}) { id } }`,
      { id: providerId },
      S,
    );
    expect(narrow.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'modalities' });
    const log = await app.ok<{ auditLog: { nodes: { action: string }[] } }>(
      `query($id: String!) { auditLog(filter: {entityId: $id}) { nodes { action } } }`,
      { id: providerId },
      S,
    );
    expect(log.auditLog.nodes.map((e) => e.action)).toEqual(['provider.update', 'provider.create']);
  });
});
