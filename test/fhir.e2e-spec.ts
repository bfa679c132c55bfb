import { copenhagenToUtc } from '@app/capacity';
import { todayInCopenhagen } from '@app/deadline';
import { fhirBundleErrors, fhirSchemaErrors } from './support/fhir-schema';
import { bootApp, TestApp } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const COLLAB_BREAST = 'collab.breast@demo.dk';
const OBSERVER = 'observer@demo.dk';
const PUBLIC_URL = 'https://kapacitet.example.dk';
const FHIR = `${PUBLIC_URL}/fhir`;
const Z = '00000000-0000-4000-8000-000000000000';
const OWN = 'rsd-sygehus-lillebaelt-vejle';
const YEAR = Number(todayInCopenhagen().slice(0, 4)) + 1;
const at = (mmdd: string, hhmm: string) => copenhagenToUtc(`${YEAR}-${mmdd}`, hhmm).toISOString();

const parseNdjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('FHIR R4: metadata, Location, Schedule, Slot, bulk publication, OperationOutcome', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};
  const get = (path: string, as?: string) => {
    const r = app.http().get(path).set('host', 'evil.example.com');
    return as ? r.set('authorization', `Bearer ${tokens[as]}`) : r;
  };
  const ndjson = async (url: string, as = SECRETARIAT) => {
    const res = await get(url.replace(PUBLIC_URL, ''), as)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      });
    expect([url, res.status]).toEqual([url, 200]);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    return parseNdjson(res.body as string);
  };

  beforeAll(async () => {
    app = await bootApp({ worker: false, config: { PUBLIC_URL } });
    for (const u of [SECRETARIAT, PLANNER_H, COLLAB_BREAST, OBSERVER]) tokens[u] = await app.token(u);
  });
  afterAll(async () => {
    await app.close();
  });

  it('/fhir/metadata: a valid CapabilityStatement without a token, listing every resource and the bulk operation', async () => {
    const res = await get('/fhir/metadata').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(fhirSchemaErrors(res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
      implementation: { url: FHIR },
    });
    expect(res.body.rest[0].resource.map((r: any) => r.type).sort()).toEqual(['Location', 'Schedule', 'Slot']);
    expect(res.body.rest[0].operation.map((o: any) => o.name)).toEqual(['bulk-publish']);
  });

  it('/fhir/Location: providers as valid Locations, paged, each readable by id; links from PUBLIC_URL, not Host', async () => {
    const page = (await get('/fhir/Location?_count=10', PLANNER_H).expect(200)).body;
    expect(fhirBundleErrors(page)).toEqual([]);
    expect(page).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(page.total).toBeGreaterThan(10);
    expect(page.entry).toHaveLength(10);
    expect(page.link[0]).toEqual({ relation: 'self', url: `${FHIR}/Location?_count=10` });
    expect(page.link[1]).toEqual({ relation: 'next', url: `${FHIR}/Location?_count=10&_offset=10` });
    expect(JSON.stringify(page)).not.toContain('evil.example.com');
    const rh = await app.providerId('rh-rigshospitalet-onkologi');
    const one = (await get(`/fhir/Location/${rh}`, OBSERVER).expect(200)).body;
    expect(fhirSchemaErrors(one)).toEqual([]);
    expect(one).toMatchObject({
      resourceType: 'Location',
      id: rh,
      status: 'active',
      name: 'Rigshospitalet',
      identifier: [{ system: 'urn:capacity-exchange:provider-key', value: 'rh-rigshospitalet-onkologi' }],
      address: { country: 'DK', state: 'Region Hovedstaden' },
    });
    expect(one.position.latitude).toBeGreaterThan(54);
    const byId = (await get(`/fhir/Location?_id=${rh}`, PLANNER_H).expect(200)).body;
    expect(byId.entry.map((e: any) => e.fullUrl)).toEqual([`${FHIR}/Location/${rh}`]);
  });

  it('/fhir/Schedule: one per provider × cancer area × modality; every Slot.schedule and Schedule.actor resolves', async () => {
    // A provider no other test file publishes at, so parallel files do not see these slots.
    const rh = await app.providerId(OWN);
    const name = (await app.ok<any>(`{ providers { id name } }`, {}, SECRETARIAT)).providers.find(
      (p: any) => p.id === rh,
    ).name;
    const slotId = await app.insertSlot(OWN, { date: `${YEAR}-04-12` }, 'LUNG', 'CHEMOTHERAPY');
    const slot = (await get(`/fhir/Slot/${slotId}`, PLANNER_H).expect(200)).body;
    expect(fhirSchemaErrors(slot)).toEqual([]);
    const schedule = (await get(`/fhir/${slot.schedule.reference}`, PLANNER_H).expect(200)).body;
    expect(fhirSchemaErrors(schedule)).toEqual([]);
    expect(schedule).toMatchObject({
      resourceType: 'Schedule',
      id: `${rh}.lung.chemotherapy`,
      active: true,
      serviceType: [{ coding: [{ system: 'urn:capacity-exchange:cancer-area', code: 'LUNG' }] }],
      serviceCategory: [{ coding: [{ system: 'urn:capacity-exchange:modality', code: 'CHEMOTHERAPY' }] }],
      actor: [{ reference: `Location/${rh}`, display: name }],
    });
    await get(`/fhir/${schedule.actor[0].reference}`, PLANNER_H).expect(200);

    const ofProvider = (await get(`/fhir/Schedule?actor=Location/${rh}&_count=500`, COLLAB_BREAST).expect(200)).body;
    expect(fhirBundleErrors(ofProvider)).toEqual([]);
    const provider = (await app.ok<any>(`{ providers { id cancerAreas modalities } }`, {}, SECRETARIAT)).providers.find(
      (p: any) => p.id === rh,
    );
    expect(ofProvider.total).toBe(provider.cancerAreas.length * provider.modalities.length);
    expect(
      ofProvider.entry.every(
        (e: any) =>
          e.resource.actor[0].reference === `Location/${rh}` && e.fullUrl === `${FHIR}/Schedule/${e.resource.id}`,
      ),
    ).toBe(true);
    const lung = (await get(`/fhir/Schedule?actor=${rh}&service-type=LUNG`, PLANNER_H).expect(200)).body;
    expect(lung.entry.map((e: any) => e.resource.serviceType[0].coding[0].code)).toEqual(lung.entry.map(() => 'LUNG'));
    const all = (await get('/fhir/Schedule?_count=5', PLANNER_H).expect(200)).body;
    expect(all.entry).toHaveLength(5);
    expect(all.link.find((l: any) => l.relation === 'next').url).toBe(`${FHIR}/Schedule?_count=5&_offset=5`);
    // A provider that does not offer the combination has no such schedule.
    await get(`/fhir/Schedule/${await app.providerId('rh-hvidovre-hospital')}.breast.surgery`, PLANNER_H).expect(404);
  });

  it('$bulk-publish: manifest of Location, Schedule and per-area Slot NDJSON files; _since returns only changes', async () => {
    const manifest = (await get('/fhir/$bulk-publish', PLANNER_H).expect(200)).body;
    expect(manifest).toMatchObject({ request: `${FHIR}/$bulk-publish`, requiresAccessToken: true, error: [] });
    expect(Date.parse(manifest.transactionTime)).toBeGreaterThan(Date.now() - 60_000);
    expect(manifest.output.slice(0, 2)).toEqual([
      { type: 'Location', url: `${FHIR}/$bulk-publish/Location.ndjson` },
      { type: 'Schedule', url: `${FHIR}/$bulk-publish/Schedule.ndjson` },
    ]);
    const slotFiles = manifest.output.filter((o: any) => o.type === 'Slot');
    expect(slotFiles.map((o: any) => o.extension.serviceType[0].code)).toContain('BREAST');
    expect(JSON.stringify(manifest)).not.toContain('evil.example.com');

    const locations = await ndjson(manifest.output[0].url);
    const schedules = await ndjson(manifest.output[1].url);
    const breastUrl = slotFiles.find((o: any) => o.extension.serviceType[0].code === 'BREAST').url;
    const freeId = await app.insertSlot(OWN, { date: `${YEAR}-05-20` });
    const unchanged = await app.insertSlot(OWN, { date: `${YEAR}-05-19` });
    await app.db.query(`UPDATE slot SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [unchanged]);
    const slots = await ndjson(breastUrl);
    for (const r of [...locations, ...schedules, ...slots])
      expect([r.resourceType, r.id, fhirSchemaErrors(r)]).toEqual([r.resourceType, r.id, []]);
    expect(locations.length).toBeGreaterThan(10);
    const scheduleIds = new Set(schedules.map((s) => s.id));
    const locationIds = new Set(locations.map((l) => l.id));
    expect(schedules.every((s) => locationIds.has(s.actor[0].reference.slice('Location/'.length)))).toBe(true);
    expect(
      slots.every(
        (s) => s.status === 'free' && s.serviceType[0].coding[0].code === 'BREAST' && Date.parse(s.start) > Date.now(),
      ),
    ).toBe(true);
    expect(slots.every((s) => scheduleIds.has(s.schedule.reference.slice('Schedule/'.length)))).toBe(true);
    expect(slots.map((s) => s.id)).toContain(freeId);

    // A mirror polls with _since = the previous transactionTime and learns what changed, including slots gone busy.
    await new Promise((r) => setTimeout(r, 1100));
    const since = new Date().toISOString();
    await app.db.query(
      `UPDATE slot SET status = 'WITHDRAWN', updated_at = now() + interval '2 minutes' WHERE id = $1`,
      [freeId],
    );
    const later = await app.insertSlot(OWN, { date: `${YEAR}-05-21` });
    await app.db.query(`UPDATE slot SET updated_at = now() + interval '2 minutes' WHERE id = $1`, [later]);
    const delta = (await get(`/fhir/$bulk-publish?_since=${encodeURIComponent(since)}`, PLANNER_H).expect(200)).body;
    const deltaBreast = delta.output.find(
      (o: any) => o.type === 'Slot' && o.extension.serviceType[0].code === 'BREAST',
    ).url;
    expect(deltaBreast).toBe(
      `${FHIR}/$bulk-publish/Slot.ndjson?service-type=BREAST&_since=${encodeURIComponent(since)}`,
    );
    const changed = await ndjson(deltaBreast);
    expect(changed.map((s) => [s.id, s.status])).toEqual(
      expect.arrayContaining([
        [freeId, 'busy'],
        [later, 'free'],
      ]),
    );
    // Only what changed since (less a one-minute overlap for transactions that committed late).
    const earliest = Date.parse(since) - 60_000;
    expect(changed.every((s) => Date.parse(s.meta.lastUpdated) >= earliest)).toBe(true);
    expect(changed.map((s) => s.id)).not.toContain(unchanged);
    const newLocations = await ndjson(delta.output[0].url);
    expect(newLocations.every((l) => Date.parse(l.meta.lastUpdated) >= earliest)).toBe(true);
  });

  it('every /fhir route answers errors as OperationOutcome with the right status', async () => {
    const cases: [string, string | undefined, number, string][] = [
      ['/fhir/Slot', undefined, 401, 'login'],
      ['/fhir/Slot/x', undefined, 401, 'login'],
      ['/fhir/Schedule', undefined, 401, 'login'],
      ['/fhir/Schedule/x', undefined, 401, 'login'],
      ['/fhir/Location', undefined, 401, 'login'],
      ['/fhir/Location/x', undefined, 401, 'login'],
      ['/fhir/$bulk-publish', undefined, 401, 'login'],
      ['/fhir/$bulk-publish/Slot.ndjson', undefined, 401, 'login'],
      ['/fhir/Slot', OBSERVER, 403, 'forbidden'],
      ['/fhir/Schedule', OBSERVER, 403, 'forbidden'],
      ['/fhir/$bulk-publish', OBSERVER, 403, 'forbidden'],
      ['/fhir/$bulk-publish/Slot.ndjson', OBSERVER, 403, 'forbidden'],
      [`/fhir/Slot/${Z}`, PLANNER_H, 404, 'not-found'],
      [`/fhir/Schedule/${Z}.breast.surgery`, PLANNER_H, 404, 'not-found'],
      ['/fhir/Schedule/nonsense', PLANNER_H, 404, 'not-found'],
      [`/fhir/Location/${Z}`, PLANNER_H, 404, 'not-found'],
      ['/fhir/Location/x', PLANNER_H, 404, 'not-found'],
      ['/fhir/$bulk-publish/Patient.ndjson', PLANNER_H, 404, 'not-found'],
      ['/fhir/Patient', undefined, 404, 'not-found'],
      ['/fhir', undefined, 404, 'not-found'],
      ['/fhir/Slot?start=ge2026-02-30', PLANNER_H, 400, 'invalid'],
      ['/fhir/Schedule?service-type=HEART', PLANNER_H, 400, 'invalid'],
      ['/fhir/Schedule?actor=Location/a%20b', PLANNER_H, 400, 'invalid'],
      ['/fhir/Location?_count=many', PLANNER_H, 400, 'invalid'],
      ['/fhir/Location?name=x', PLANNER_H, 400, 'invalid'],
      ['/fhir/$bulk-publish?_since=yesterday', PLANNER_H, 400, 'invalid'],
      ['/fhir/$bulk-publish?_since=2027-02-30T10:00:00Z', PLANNER_H, 400, 'invalid'],
      ['/fhir/$bulk-publish/Slot.ndjson?service-type=HEART', PLANNER_H, 400, 'invalid'],
      ['/fhir/metadata?x=1', undefined, 400, 'invalid'],
    ];
    for (const [path, as, status, code] of cases) {
      const res = await get(path, as);
      expect([path, res.status]).toEqual([path, status]);
      expect([path, res.headers['content-type']]).toEqual([path, expect.stringMatching(/^application\/fhir\+json/)]);
      expect([path, fhirSchemaErrors(res.body)]).toEqual([path, []]);
      expect([path, res.body.issue[0].code]).toEqual([path, code]);
    }
    const posted = await app.http().post('/fhir/Slot').set('authorization', `Bearer ${tokens[PLANNER_H]}`).send({});
    expect(posted.status).toBe(404);
    expect(posted.body.resourceType).toBe('OperationOutcome');
  });

  it('the Slot search itself validates against the R4 schema, and its links ignore the Host header', async () => {
    await app.insertSlot(OWN, { date: `${YEAR}-06-02` });
    await app.insertSlot(OWN, { date: `${YEAR}-06-03` });
    const res = (
      await get(`/fhir/Slot?service-type=BREAST&start=ge${at('06-01', '00:00')}&_count=1`, PLANNER_H).expect(200)
    ).body;
    expect(fhirBundleErrors(res)).toEqual([]);
    expect(res.link.every((l: any) => l.url.startsWith(`${FHIR}/Slot?`))).toBe(true);
    expect(res.entry[0].fullUrl).toBe(`${FHIR}/Slot/${res.entry[0].resource.id}`);
  });
});
