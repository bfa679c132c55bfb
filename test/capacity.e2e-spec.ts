import { copenhagenToUtc, copenhagenWallClock } from '@app/capacity';
import { JOB_QUEUE, jobIdOf, OutboxService, QueueRegistry } from '@app/core';
import { addDays, dayOfWeek, todayInCopenhagen } from '@app/deadline';
import { bootApp, codeOf, GqlResult, TestApp, waitFor } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const COLLAB_BREAST = 'collab.breast@demo.dk';
const OBSERVER = 'observer@demo.dk';

// Everything happens next year, so the dates stay in the future and after the 2027 merger of 1084/1085 into 1086.
const YEAR = Number(todayInCopenhagen().slice(0, 4)) + 1;
const day = (mmdd: string) => `${YEAR}-${mmdd}`;
/** An instant given as Copenhagen wall-clock time next year, e.g. at('05-04', '09:00'). */
const at = (mmdd: string, hhmm: string) => copenhagenToUtc(day(mmdd), hhmm).toISOString();

const SLOT = `id providerId provider { id name } cancerArea modality starts ends durationMinutes date status seriesId seq
  regionCode effectiveRegionCode providerKind`;
const PUBLISH = `mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { ${SLOT} } }`;
const SERIES = `mutation($i: PublishSlotSeriesInput!) { publishSlotSeries(input: $i) {
  id providerId provider { name } cancerArea modality weekdays startTime durationMinutes fromDate toDate countPerOccurrence slotCount
  slots { id starts date seq status seriesId } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawSlot(id: $id) { id status } }`;
const SLOTS = `query($f: SlotFilter, $first: Int, $after: String) {
  slots(filter: $f, first: $first, after: $after) { nodes { ${SLOT} } pageInfo { endCursor hasNextPage } totalCount } }`;

/** FHIR R4 `instant`: a full timestamp with seconds and a time zone (datatypes.html#instant). */
const FHIR_INSTANT =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Elements of the R4 Slot resource (slot.html#resource); anything else is not a valid Slot. */
const SLOT_ELEMENTS = new Set([
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
  'identifier',
  'serviceCategory',
  'serviceType',
  'specialty',
  'appointmentType',
  'schedule',
  'status',
  'start',
  'end',
  'overbooked',
  'comment',
]);
const SLOT_STATUS = ['busy', 'free', 'busy-unavailable', 'busy-tentative', 'entered-in-error'];

function codeableConceptErrors(path: string, cc: any): string[] {
  if (!cc || !Array.isArray(cc.coding) || cc.coding.length === 0) return [`${path}.coding must be a non-empty array`];
  return cc.coding.flatMap((c: any, i: number) =>
    typeof c.system === 'string' &&
    /^\S+:\S+$/.test(c.system) &&
    typeof c.code === 'string' &&
    c.code.trim() === c.code &&
    c.code.length > 0
      ? []
      : [`${path}.coding[${i}] needs a system uri and a code`],
  );
}

/** Structural validation against the FHIR R4 Slot definition: cardinalities, value sets, datatypes. */
function fhirSlotErrors(r: any): string[] {
  const errors: string[] = [];
  if (r.resourceType !== 'Slot') errors.push('resourceType must be Slot');
  for (const k of Object.keys(r)) if (!SLOT_ELEMENTS.has(k)) errors.push(`unknown element ${k}`);
  if (typeof r.id !== 'string' || !FHIR_ID.test(r.id)) errors.push('id must match [A-Za-z0-9-.]{1,64}');
  if (
    !r.schedule ||
    typeof r.schedule.reference !== 'string' ||
    !/^Schedule\/[A-Za-z0-9\-.]{1,64}$/.test(r.schedule.reference)
  ) {
    errors.push('schedule (1..1) must reference a Schedule');
  }
  if (!SLOT_STATUS.includes(r.status)) errors.push(`status ${r.status} is not in the slotstatus value set`);
  if (!FHIR_INSTANT.test(r.start ?? '')) errors.push('start (1..1) must be an instant');
  if (!FHIR_INSTANT.test(r.end ?? '')) errors.push('end (1..1) must be an instant');
  if (Date.parse(r.end) < Date.parse(r.start)) errors.push('end is before start');
  if (r.meta?.lastUpdated !== undefined && !FHIR_INSTANT.test(r.meta.lastUpdated))
    errors.push('meta.lastUpdated must be an instant');
  for (const el of ['serviceCategory', 'serviceType', 'specialty']) {
    if (r[el] !== undefined) {
      if (!Array.isArray(r[el])) errors.push(`${el} must be an array`);
      else r[el].forEach((cc: any, i: number) => errors.push(...codeableConceptErrors(`${el}[${i}]`, cc)));
    }
  }
  if (r.appointmentType !== undefined) errors.push(...codeableConceptErrors('appointmentType', r.appointmentType));
  if (r.comment !== undefined && typeof r.comment !== 'string') errors.push('comment must be a string');
  return errors;
}

describe('capacity: publish, browse, withdraw, expire and export free slots', () => {
  let app: TestApp;
  const providers = new Map<string, { id: string; name: string }>();
  const pid = (key: string) => providers.get(key)!.id;

  beforeAll(async () => {
    app = await bootApp();
    const d = await app.ok<any>(`{ providers { id key name } }`, {}, SECRETARIAT);
    for (const p of d.providers) if (p.key) providers.set(p.key, p);
  });
  afterAll(async () => {
    await app.close();
  });

  const publish = (as: string, key: string, starts: string[], over: Record<string, unknown> = {}) =>
    app.gql<any>(
      PUBLISH,
      { i: { providerId: pid(key), cancerArea: 'BREAST', modality: 'SURGERY', starts, durationMinutes: 60, ...over } },
      as,
    );
  const series = (as: string, key: string, over: Record<string, unknown>) =>
    app.gql<any>(
      SERIES,
      { i: { providerId: pid(key), cancerArea: 'BREAST', modality: 'SURGERY', durationMinutes: 45, ...over } },
      as,
    );
  const fieldOf = (r: GqlResult) => r.errors?.[0]?.extensions?.field;
  const slotsOf = async (f: Record<string, unknown>, as = SECRETARIAT, first = 200) =>
    (await app.ok<any>(SLOTS, { f, first }, as)).slots.nodes as any[];
  const auditOf = async (entityId: string) =>
    (
      await app.ok<any>(
        `query($f: AuditFilter) { auditLog(filter: $f) { nodes { action actorLabel before after } } }`,
        { f: { entityType: 'slot', entityId } },
        SECRETARIAT,
      )
    ).auditLog.nodes as any[];

  it('a planner publishes single slots of an own-region provider; each is FREE and audited', async () => {
    const starts = [at('05-04', '09:00'), at('05-04', '08:00')];
    const res = await publish(PLANNER_H, 'rh-rigshospitalet-onkologi', starts, { durationMinutes: 90 });
    expect(res.errors).toBeUndefined();
    const slots = res.data!.publishSlots;
    expect(slots.map((s: any) => s.starts)).toEqual([starts[1], starts[0]]);
    expect(slots[0]).toMatchObject({
      providerId: pid('rh-rigshospitalet-onkologi'),
      provider: { name: 'Rigshospitalet' },
      cancerArea: 'BREAST',
      modality: 'SURGERY',
      ends: at('05-04', '09:30'),
      durationMinutes: 90,
      date: day('05-04'),
      status: 'FREE',
      seriesId: null,
      seq: 0,
      regionCode: 1084,
      effectiveRegionCode: 1086,
      providerKind: 'PUBLIC',
    });
    const audit = await auditOf(slots[0].id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'slot.publish', actorLabel: PLANNER_H });
    expect(audit[0].after).toMatchObject({ id: slots[0].id, starts: starts[1], status: 'FREE', date: day('05-04') });
  });

  it('refuses past starts, bad durations, unknown or unsuitable providers, too many starts, naming the field', async () => {
    const key = 'rh-herlev-hospital';
    const past = await publish(PLANNER_H, key, [new Date(Date.now() - 60_000).toISOString()]);
    expect([codeOf(past), fieldOf(past)]).toEqual(['BAD_USER_INPUT', 'starts']);
    for (const durationMinutes of [4, 1441]) {
      const r = await publish(PLANNER_H, key, [at('05-05', '08:00')], { durationMinutes });
      expect([codeOf(r), fieldOf(r)]).toEqual(['BAD_USER_INPUT', 'durationMinutes']);
    }
    const area = await publish(PLANNER_H, 'rh-hvidovre-hospital', [at('05-05', '08:00')]);
    expect([codeOf(area), fieldOf(area)]).toEqual(['BAD_USER_INPUT', 'cancerArea']);
    const modality = await publish(PLANNER_H, 'rh-bornholms-hospital', [at('05-05', '08:00')]);
    expect([codeOf(modality), fieldOf(modality)]).toEqual(['BAD_USER_INPUT', 'modality']);
    const many = await publish(
      PLANNER_H,
      key,
      Array.from({ length: 501 }, (_, i) => new Date(Date.parse(at('06-01', '08:00')) + i * 3_600_000).toISOString()),
    );
    expect([codeOf(many), fieldOf(many)]).toEqual(['BAD_USER_INPUT', 'starts']);
    const none = await publish(PLANNER_H, key, []);
    expect([codeOf(none), fieldOf(none)]).toEqual(['BAD_USER_INPUT', 'starts']);
    const unknown = await app.gql(
      PUBLISH,
      {
        i: {
          providerId: '00000000-0000-4000-8000-000000000000',
          cancerArea: 'BREAST',
          modality: 'SURGERY',
          starts: [at('05-05', '08:00')],
          durationMinutes: 60,
        },
      },
      PLANNER_H,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(await slotsOf({ providerId: pid(key), from: at('05-05', '00:00'), to: at('05-06', '00:00') })).toEqual([]);
    expect(await slotsOf({ providerId: pid(key), from: at('06-01', '00:00'), to: at('07-01', '00:00') })).toEqual([]);
  });

  it('rejects an exact duplicate naming starts, and the whole call is rolled back', async () => {
    const key = 'rh-herlev-hospital';
    const t = at('05-06', '10:00');
    expect((await publish(PLANNER_H, key, [t])).errors).toBeUndefined();
    const again = await publish(PLANNER_H, key, [at('05-06', '11:00'), t]);
    expect([codeOf(again), fieldOf(again)]).toEqual(['BAD_USER_INPUT', 'starts']);
    expect(again.errors![0].message).toContain(t);
    const twice = await publish(PLANNER_H, key, [at('05-06', '12:00'), at('05-06', '12:00')]);
    expect([codeOf(twice), fieldOf(twice)]).toEqual(['BAD_USER_INPUT', 'starts']);
    const window = await slotsOf({ providerId: pid(key), from: at('05-06', '00:00'), to: at('05-07', '00:00') });
    expect(window.map((s) => s.starts)).toEqual([t]);
    // Another modality or area at the same start is not a duplicate.
    expect((await publish(PLANNER_H, key, [t], { modality: 'DIAGNOSTIC' })).errors).toBeUndefined();
  });

  it('who may publish: own region (effective on the slot date), secretariat for foreign providers; others FORBIDDEN', async () => {
    const t = [at('05-07', '08:00')];
    expect(codeOf(await publish(PLANNER_N, 'rh-rigshospitalet-onkologi', t))).toBe('FORBIDDEN');
    expect(codeOf(await publish(PLANNER_H, 'rn-aalborg-universitetshospital', t))).toBe('FORBIDDEN');
    expect(codeOf(await publish(PLANNER_H, 'de-uksh-kiel', t))).toBe('FORBIDDEN');
    expect(codeOf(await publish(OBSERVER, 'rh-rigshospitalet-onkologi', t))).toBe('FORBIDDEN');
    expect(codeOf(await publish(COLLAB_BREAST, 'rh-rigshospitalet-onkologi', t))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await series(OBSERVER, 'rh-rigshospitalet-onkologi', {
          weekdays: [1],
          startTime: '08:00',
          fromDate: day('05-01'),
          toDate: day('05-31'),
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await series(COLLAB_BREAST, 'rh-rigshospitalet-onkologi', {
          weekdays: [1],
          startTime: '08:00',
          fromDate: day('05-01'),
          toDate: day('05-31'),
        }),
      ),
    ).toBe('FORBIDDEN');
    // After the merger a Hovedstaden planner also acts for former Sjælland providers (both are Østdanmark).
    const sj = await publish(PLANNER_H, 'rsj-suh-roskilde', t);
    expect(sj.errors).toBeUndefined();
    expect(sj.data!.publishSlots[0]).toMatchObject({ regionCode: 1085, effectiveRegionCode: 1086 });
    expect((await publish(PLANNER_H, 'priv-aleris-koebenhavn', t)).errors).toBeUndefined();
    const foreign = await publish(SECRETARIAT, 'de-uksh-kiel', t);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.publishSlots[0]).toMatchObject({
      regionCode: null,
      effectiveRegionCode: null,
      providerKind: 'FOREIGN',
    });
    expect((await publish(SECRETARIAT, 'rn-aalborg-universitetshospital', t)).errors).toBeUndefined();
  });

  it('a series generates every weekday occurrence at Copenhagen local time across the DST switches, atomically audited', async () => {
    let springSunday = day('03-31');
    while (dayOfWeek(springSunday) !== 7) springSunday = addDays(springSunday, -1);
    const res = await series(PLANNER_H, 'rh-herlev-hospital', {
      modality: 'CHEMOTHERAPY',
      weekdays: [5, 6, 7, 1],
      startTime: '08:00',
      fromDate: addDays(springSunday, -3),
      toDate: addDays(springSunday, 1),
      countPerOccurrence: 2,
    });
    expect(res.errors).toBeUndefined();
    const s = res.data!.publishSlotSeries;
    expect(s).toMatchObject({
      weekdays: [1, 5, 6, 7],
      startTime: '08:00',
      countPerOccurrence: 2,
      slotCount: 8,
      provider: { name: 'Herlev Hospital' },
    });
    expect(s.slots.map((x: any) => `${x.date}/${x.seq}`)).toEqual(
      [-2, -1, 0, 1].flatMap((d) => [`${addDays(springSunday, d)}/0`, `${addDays(springSunday, d)}/1`]),
    );
    for (const x of s.slots) {
      expect(copenhagenWallClock(new Date(x.starts))).toEqual({ date: x.date, time: '08:00' });
      expect(x).toMatchObject({ status: 'FREE', seriesId: s.id });
      expect(new Date(x.starts).getUTCHours()).toBe(x.date < springSunday ? 7 : 6);
    }
    const audit = await app.db.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1) OR entity_id = $2 GROUP BY action ORDER BY action`,
      [s.slots.map((x: any) => x.id), s.id],
    );
    expect(audit).toEqual([
      { action: 'slot.publish', n: 8 },
      { action: 'slotSeries.publish', n: 1 },
    ]);

    let autumnSunday = day('10-31');
    while (dayOfWeek(autumnSunday) !== 7) autumnSunday = addDays(autumnSunday, -1);
    const autumn = (
      await series(PLANNER_H, 'rh-herlev-hospital', {
        modality: 'CHEMOTHERAPY',
        weekdays: [6, 7],
        startTime: '07:15',
        fromDate: addDays(autumnSunday, -1),
        toDate: autumnSunday,
      })
    ).data!.publishSlotSeries;
    expect(autumn.slots.map((x: any) => x.starts)).toEqual([
      `${addDays(autumnSunday, -1)}T05:15:00.000Z`,
      `${autumnSunday}T06:15:00.000Z`,
    ]);
  });

  it('series: up to 2,000 slots in one call; more, reversed or over-long ranges and bad weekdays/times are BAD_USER_INPUT', async () => {
    const key = 'rsd-odense-universitetshospital';
    const base = {
      cancerArea: 'OTHER',
      modality: 'RADIOTHERAPY',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '06:40',
      countPerOccurrence: 20,
    };
    const lastOf2000 = addDays(day('01-01'), 99);
    const tooMany = await series(SECRETARIAT, key, { ...base, fromDate: day('01-01'), toDate: addDays(lastOf2000, 1) });
    expect([codeOf(tooMany), fieldOf(tooMany)]).toEqual(['BAD_USER_INPUT', 'toDate']);
    expect(tooMany.errors![0].message).toMatch(/2020 slots; at most 2000/);
    const started = Date.now();
    const max = await series(SECRETARIAT, key, { ...base, fromDate: day('01-01'), toDate: lastOf2000 });
    expect(max.errors).toBeUndefined();
    expect(max.data!.publishSlotSeries.slotCount).toBe(2000);
    expect(Date.now() - started).toBeLessThan(5000);
    const reversed = await series(SECRETARIAT, key, { ...base, fromDate: day('06-02'), toDate: day('06-01') });
    expect([codeOf(reversed), fieldOf(reversed)]).toEqual(['BAD_USER_INPUT', 'toDate']);
    const long = await series(SECRETARIAT, key, {
      ...base,
      countPerOccurrence: 1,
      weekdays: [1],
      fromDate: day('06-01'),
      toDate: `${YEAR + 1}-06-02`,
    });
    expect([codeOf(long), fieldOf(long)]).toEqual(['BAD_USER_INPUT', 'toDate']);
    for (const [over, field] of [
      [{ weekdays: [0] }, 'weekdays'],
      [{ weekdays: [8] }, 'weekdays'],
      [{ weekdays: [] }, 'weekdays'],
      [{ startTime: '24:00' }, 'startTime'],
      [{ startTime: '8:00' }, 'startTime'],
      [{ countPerOccurrence: 21 }, 'countPerOccurrence'],
    ] as const) {
      const r = await series(SECRETARIAT, key, {
        ...base,
        countPerOccurrence: 1,
        fromDate: day('06-01'),
        toDate: day('06-07'),
        ...over,
      });
      expect([codeOf(r), fieldOf(r)]).toEqual(['BAD_USER_INPUT', field]);
    }
    const badDate = await series(SECRETARIAT, key, { ...base, fromDate: day('02-30'), toDate: day('03-01') });
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    const otherWeekday = (dayOfWeek(day('06-01')) % 7) + 1;
    const noDays = await series(SECRETARIAT, key, {
      ...base,
      countPerOccurrence: 1,
      weekdays: [otherWeekday],
      fromDate: day('06-01'),
      toDate: day('06-01'),
    });
    expect([codeOf(noDays), fieldOf(noDays)]).toEqual(['BAD_USER_INPUT', 'weekdays']);
    // Overlapping an existing series is an exact duplicate: refused as a whole, nothing new is stored.
    const overlap = await series(SECRETARIAT, key, {
      ...base,
      countPerOccurrence: 1,
      fromDate: lastOf2000,
      toDate: addDays(lastOf2000, 10),
    });
    expect([codeOf(overlap), fieldOf(overlap)]).toEqual(['BAD_USER_INPUT', 'starts']);
    const stored = await app.db.query(
      `SELECT count(*)::int AS n FROM slot WHERE provider_id = $1 AND cancer_area = 'OTHER' AND modality = 'RADIOTHERAPY'`,
      [pid(key)],
    );
    expect(stored[0].n).toBe(2000);
  });

  it('withdraw: FREE → WITHDRAWN (audited); held, booked, withdrawn and other regions refused', async () => {
    const key = 'rh-nordsjaellands-hospital-hilleroed';
    const [free, held, booked] = (
      await publish(PLANNER_H, key, [at('05-11', '08:00'), at('05-11', '09:00'), at('05-11', '10:00')])
    ).data!.publishSlots;
    expect(codeOf(await app.gql(WITHDRAW, { id: free.id }, PLANNER_N))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(WITHDRAW, { id: free.id }, OBSERVER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(WITHDRAW, { id: free.id }, COLLAB_BREAST))).toBe('FORBIDDEN');
    const done = await app.ok<any>(WITHDRAW, { id: free.id }, PLANNER_H);
    expect(done.withdrawSlot).toEqual({ id: free.id, status: 'WITHDRAWN' });
    const audit = await auditOf(free.id);
    expect(audit.map((a) => a.action)).toEqual(['slot.withdraw', 'slot.publish']);
    expect(audit[0]).toMatchObject({
      actorLabel: PLANNER_H,
      before: { status: 'FREE' },
      after: { status: 'WITHDRAWN' },
    });
    const again = await app.gql(WITHDRAW, { id: free.id }, PLANNER_H);
    expect(codeOf(again)).toBe('INVALID_STATE');
    expect(again.errors![0].message).toMatch(/already withdrawn/);

    // Offers hold and book slots with conditional updates on status; simulate that here.
    await app.db.query(`UPDATE slot SET status = 'HELD' WHERE id = $1`, [held.id]);
    await app.db.query(`UPDATE slot SET status = 'BOOKED' WHERE id = $1`, [booked.id]);
    const h = await app.gql(WITHDRAW, { id: held.id }, PLANNER_H);
    expect(codeOf(h)).toBe('INVALID_STATE');
    expect(h.errors![0].message).toMatch(/held by a pending offer; withdraw the offer first/);
    const b = await app.gql(WITHDRAW, { id: booked.id }, SECRETARIAT);
    expect(codeOf(b)).toBe('INVALID_STATE');
    expect(b.errors![0].message).toMatch(/booked/);
    const rows = await app.db.query(`SELECT id, status FROM slot WHERE id = ANY($1) ORDER BY starts_at`, [
      [held.id, booked.id],
    ]);
    expect(rows.map((r: any) => r.status)).toEqual(['HELD', 'BOOKED']);
    expect(await auditOf(held.id)).toHaveLength(1);
    expect(codeOf(await app.gql(WITHDRAW, { id: '00000000-0000-4000-8000-000000000000' }, PLANNER_H))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await app.gql(WITHDRAW, { id: 'not-a-uuid' }, PLANNER_H))).toBe('NOT_FOUND');
  });

  it('slots: FREE for planners and collaborations; other statuses for the own region, collaborations in their areas; observers none', async () => {
    const [a, b] = (
      await publish(PLANNER_H, 'rh-bispebjerg-hospital', [at('05-12', '08:00'), at('05-12', '09:00')], {
        cancerArea: 'LUNG',
      })
    ).data!.publishSlots;
    await app.ok(WITHDRAW, { id: b.id }, PLANNER_H);
    const f = { providerId: pid('rh-bispebjerg-hospital'), from: at('05-12', '00:00'), to: at('05-13', '00:00') };
    expect((await slotsOf(f, PLANNER_N)).map((s) => s.id)).toEqual([a.id]);
    // Observers see reports and aggregates only (issue #14 item 12).
    expect(codeOf(await app.gql(SLOTS, { f }, OBSERVER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(SLOTS, { f: { ...f, status: 'WITHDRAWN' } }, OBSERVER))).toBe('FORBIDDEN');
    expect((await slotsOf({ ...f, status: 'WITHDRAWN' }, PLANNER_H)).map((s) => s.id)).toEqual([b.id]);
    expect(await slotsOf({ ...f, status: 'WITHDRAWN' }, PLANNER_N)).toEqual([]);
    expect(codeOf(await app.gql(SLOTS, { f: { ...f, status: 'WITHDRAWN', cancerArea: 'LUNG' } }, COLLAB_BREAST))).toBe(
      'FORBIDDEN',
    );
    expect(await slotsOf({ ...f, status: 'WITHDRAWN' }, COLLAB_BREAST)).toEqual([]);
    expect((await slotsOf(f, COLLAB_BREAST)).map((s) => s.id)).toEqual([a.id]);
    expect(codeOf(await app.gql(`{ slots { nodes { id } } }`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(SLOTS, { first: 201 }, SECRETARIAT))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(SLOTS, { first: 0 }, SECRETARIAT))).toBe('BAD_USER_INPUT');
    const badCursor = await app.gql(`{ slots(after: "bm9wZQ") { nodes { id } } }`, {}, SECRETARIAT);
    expect([codeOf(badCursor), fieldOf(badCursor)]).toEqual(['BAD_USER_INPUT', 'after']);
  });

  it('pagination is stable across pages: no duplicates, no gaps, ties at one start broken by id', async () => {
    const s = (
      await series(PLANNER_N, 'rn-aalborg-universitetshospital', {
        cancerArea: 'LOWER_GI',
        modality: 'DIAGNOSTIC',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        startTime: '13:00',
        fromDate: day('09-01'),
        toDate: day('09-30'),
        countPerOccurrence: 4,
      })
    ).data!.publishSlotSeries;
    expect(s.slotCount).toBe(120);
    const filter = {
      cancerArea: 'LOWER_GI',
      modality: 'DIAGNOSTIC',
      providerId: pid('rn-aalborg-universitetshospital'),
      from: at('09-01', '00:00'),
      to: at('10-01', '00:00'),
    };
    for (const first of [50, 7]) {
      const seen: any[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: any = (await app.ok<any>(SLOTS, { f: filter, first, after }, PLANNER_H)).slots;
        pages++;
        expect(page.totalCount).toBe(120);
        seen.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.nodes).toHaveLength(first);
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(120 / first));
      expect(new Set(seen.map((x) => x.id)).size).toBe(120);
      expect(new Set(seen.map((x) => x.id))).toEqual(new Set(s.slots.map((x: any) => x.id)));
      const keys = seen.map((x) => [x.starts, x.id]);
      expect(keys).toEqual([...keys].sort((p, q) => (p[0] === q[0] ? (p[1] < q[1] ? -1 : 1) : p[0] < q[0] ? -1 : 1)));
    }
  });

  it('filters: region on the slot date (1086 covers 1084/1085), outside a region, provider kind, time window', async () => {
    const pub = async (as: string, key: string, hhmm: string) =>
      (await publish(as, key, [at('10-05', hhmm)])).data!.publishSlots[0].id as string;
    const rigs = await pub(PLANNER_H, 'rh-rigshospitalet-onkologi', '12:01');
    const aleris = await pub(PLANNER_H, 'priv-aleris-koebenhavn', '12:02');
    const roskilde = await pub(PLANNER_H, 'rsj-suh-roskilde', '12:03');
    const aalborg = await pub(PLANNER_N, 'rn-aalborg-universitetshospital', '12:04');
    const kiel = await pub(SECRETARIAT, 'de-uksh-kiel', '12:05');
    const base = { cancerArea: 'BREAST', modality: 'SURGERY', from: at('10-05', '12:00'), to: at('10-05', '12:10') };
    const ids = async (f: Record<string, unknown>) => (await slotsOf({ ...base, ...f }, PLANNER_H)).map((s) => s.id);
    expect(await ids({})).toEqual([rigs, aleris, roskilde, aalborg, kiel]);
    expect(await ids({ regionCode: 1086 })).toEqual([rigs, aleris, roskilde]);
    expect(await ids({ regionCode: 1084 })).toEqual([rigs, aleris, roskilde]);
    expect(await ids({ regionCode: 1081 })).toEqual([aalborg]);
    expect(await ids({ outsideRegionCode: 1086 })).toEqual([aalborg, kiel]);
    expect(await ids({ outsideRegionCode: 1081 })).toEqual([rigs, aleris, roskilde, kiel]);
    expect(await ids({ providerKind: 'PRIVATE' })).toEqual([aleris]);
    expect(await ids({ providerKind: 'FOREIGN' })).toEqual([kiel]);
    expect(await ids({ providerKind: 'PUBLIC', outsideRegionCode: 1084 })).toEqual([aalborg]);
    expect(await ids({ from: at('10-05', '12:02'), to: at('10-05', '12:04') })).toEqual([aleris, roskilde]);
    expect(await ids({ cancerArea: 'LUNG' })).toEqual([]);
    const bad = await app.gql(SLOTS, { f: { ...base, regionCode: 1099 } }, PLANNER_H);
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', 'regionCode']);
  });

  it('the real worker expires FREE slots whose start has passed (set-based, audited, idempotent)', async () => {
    const key = 'rh-rigshospitalet-onkologi';
    const insert = async (startsSql: string, status = 'FREE') =>
      (
        await app.db.query(
          `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, status) VALUES ($1, 'LUNG', 'CHEMOTHERAPY', ${startsSql}, 30, $2) RETURNING id`,
          [pid(key), status],
        )
      )[0].id as string;
    const pastFree = await insert(`now() - interval '3 hours'`);
    const pastHeld = await insert(`now() - interval '2 hours'`, 'HELD');
    const futureFree = await insert(`now() + interval '2 hours'`);
    const outbox = app.api.get(OutboxService);
    const queue = app.api.get(QueueRegistry).get(JOB_QUEUE['capacity.expire-slots']);
    /** Through the outbox and Redis to the real worker; resolves with the job's return value. */
    const runJob = async (note: string) => {
      const key = `e2e-${note}-${Date.now()}`;
      await app.db.transaction((m) => outbox.enqueue(m, 'capacity.expire-slots', {}, { key }));
      await outbox.dispatchPending();
      // A snapshot fetched after the job finished carries its outcome.
      const job = await waitFor(async () => {
        const j = await queue.getJob(jobIdOf('capacity.expire-slots', key));
        return j?.finishedOn ? j : null;
      });
      expect(job.failedReason).toBeFalsy();
      return job.returnvalue as { expired: number };
    };
    // The worker's own 5-minute schedule may get there first; either way the slot ends up EXPIRED exactly once.
    await runJob('first');
    await waitFor(
      async () => (await app.db.query(`SELECT status FROM slot WHERE id = $1`, [pastFree]))[0].status === 'EXPIRED',
    );
    const audit = await auditOf(pastFree);
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['slot.expire', 'system']]);
    expect(audit[0].before).toEqual({ status: 'FREE' });
    expect(audit[0].after).toMatchObject({ id: pastFree, status: 'EXPIRED', providerId: pid(key) });
    const statuses = async () =>
      (await app.db.query(`SELECT id, status FROM slot WHERE id = ANY($1)`, [[pastFree, pastHeld, futureFree]])).reduce(
        (m: Record<string, string>, r: any) => ({ ...m, [r.id]: r.status }),
        {},
      );
    expect(await statuses()).toEqual({ [pastFree]: 'EXPIRED', [pastHeld]: 'HELD', [futureFree]: 'FREE' });
    expect(typeof (await runJob('again')).expired).toBe('number');
    expect(await auditOf(pastFree)).toHaveLength(1);
    const expiredView = await slotsOf({ providerId: pid(key), status: 'EXPIRED', cancerArea: 'LUNG' }, PLANNER_H);
    expect(expiredView.map((s) => s.id)).toContain(pastFree);
  });

  it('GET /fhir/Slot: a FHIR R4 searchset Bundle of free slots, filtered by service-type and start, paged by _count', async () => {
    const mine = (
      await publish(
        PLANNER_H,
        'rh-rigshospitalet-onkologi',
        [at('11-02', '08:00'), at('11-02', '09:00'), at('11-03', '08:00'), at('11-04', '08:00')],
        { cancerArea: 'GYNAECOLOGICAL', modality: 'RADIOTHERAPY' },
      )
    ).data!.publishSlots;
    await app.ok(WITHDRAW, { id: mine[1].id }, PLANNER_H);
    const token = await app.token(PLANNER_N);
    const get = (qs: string) => app.http().get(`/fhir/Slot${qs}`).set('authorization', `Bearer ${token}`);
    await app
      .http()
      .get('/fhir/Slot')
      .set('authorization', `Bearer ${await app.token(OBSERVER)}`)
      .expect(403);

    await app.http().get('/fhir/Slot').expect(401);
    // Observers read reports and aggregates only (domain.md §2).
    await app
      .http()
      .get('/fhir/Slot')
      .set('authorization', `Bearer ${await app.token(OBSERVER)}`)
      .expect(403);
    const res = await get(
      `?service-type=GYNAECOLOGICAL&start=ge${day('11-02')}&start=le${day('11-03')}&_count=1`,
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.body;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(bundle.link[0].relation).toBe('self');
    expect(bundle.link[0].url).toMatch(/\/fhir\/Slot\?service-type=GYNAECOLOGICAL/);
    const next = bundle.link.find((l: any) => l.relation === 'next');
    expect(next).toBeDefined();
    const page2 = (await get(new URL(next.url).search).expect(200)).body;
    expect(page2.link.find((l: any) => l.relation === 'next')).toBeUndefined();
    const entries = [...bundle.entry, ...page2.entry];
    expect(entries.map((e: any) => e.resource.id)).toEqual([mine[0].id, mine[2].id]);
    for (const e of entries) {
      expect(fhirSlotErrors(e.resource)).toEqual([]);
      expect(e.fullUrl).toMatch(new RegExp(`^https?://[^/]+/fhir/Slot/${e.resource.id}$`));
      expect(e.search).toEqual({ mode: 'match' });
      expect(e.resource).toMatchObject({
        status: 'free',
        schedule: {
          reference: `Schedule/${pid('rh-rigshospitalet-onkologi')}.gynaecological.radiotherapy`,
          display: 'Rigshospitalet',
        },
        serviceType: [
          {
            coding: [
              { system: 'urn:capacity-exchange:cancer-area', code: 'GYNAECOLOGICAL', display: 'Gynækologisk kræft' },
            ],
          },
        ],
        appointmentType: {
          coding: [{ system: 'urn:capacity-exchange:modality', code: 'RADIOTHERAPY', display: 'Strålebehandling' }],
        },
      });
    }
    expect(entries[0].resource.start).toBe(at('11-02', '08:00'));
    expect(entries[0].resource.end).toBe(at('11-02', '09:00'));

    const byToken = (
      await get(
        `?service-type=urn:capacity-exchange:cancer-area|GYNAECOLOGICAL&start=gt${day('11-03')}&start=lt${day('11-05')}`,
      ).expect(200)
    ).body;
    expect(byToken.entry.map((e: any) => e.resource.id)).toContain(mine[3].id);
    expect(
      byToken.entry.every(
        (e: any) =>
          e.resource.start >= at('11-04', '00:00') && e.resource.serviceType[0].coding[0].code === 'GYNAECOLOGICAL',
      ),
    ).toBe(true);
    const all = (await get(`?_count=5`).expect(200)).body;
    expect(all.entry.length).toBeLessThanOrEqual(5);
    expect(all.entry.every((e: any) => e.resource.status === 'free' && fhirSlotErrors(e.resource).length === 0)).toBe(
      true,
    );

    const read = (await get(`/${mine[0].id}`).expect(200)).body;
    expect(read).toEqual(entries[0].resource);
    await get('/00000000-0000-4000-8000-000000000000').expect(404);

    for (const [qs, field] of [
      ['?start=xx2026-12-01', 'start'],
      ['?start=ge2026-13-01', 'start'],
      ['?service-type=HEART', 'service-type'],
      ['?_count=many', '_count'],
      ['?practitioner=Practitioner/1', 'practitioner'],
    ]) {
      const bad = await get(qs).expect(400);
      expect(bad.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'invalid', expression: [field] }],
      });
      expect(typeof bad.body.issue[0].diagnostics).toBe('string');
    }
  });
});
