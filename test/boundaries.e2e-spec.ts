/**
 * Rules that exist twice, once in SQL and once in TypeScript, pinned to equal results on generated inputs
 * (docs/architecture.md, "one source per rule"); and the pathway/offer boundary (pathways never reads offers).
 */
import { AppConfig, Clock, entityFromJson, query, queryOne, SYSTEM_ACTOR } from '@app/core';
import { Pathway, PathwaysService, pathwayJsonSql, patientAnswersJsonSql } from '@app/pathways';
import { addDays, addWorkingDays, todayInCopenhagen } from '@app/deadline';
import { haversineKm } from '@app/matching';
import { effectiveRegionCode, Region, ReferenceService } from '@app/reference';
import { copenhagenToUtc, Slot } from '@app/capacity';
import fc from 'fast-check';
import { In } from 'typeorm';
import { bootApp, codeOf, TestApp } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const today = todayInCopenhagen();
const DAY = 86_400_000;

/** Dates from 2020 to 2035 as YYYY-MM-DD, biased towards the 2027 region merger. */
const isoDate = fc.oneof(
  fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) })
    .map((t) => new Date(t).toISOString().slice(0, 10)),
  fc.constantFrom('2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'),
);

describe('one source per rule: SQL twins equal their TypeScript twins', () => {
  let app: TestApp;
  let reference: ReferenceService;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    reference = app.api.get(ReferenceService);
  });
  afterAll(async () => {
    await app.close();
  });

  it('region succession: SQL effective_region = effectiveRegionCode on the real regions', async () => {
    const regions = await reference.regionMap();
    const codes = [...regions.keys(), 9999];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...codes), isoDate, async (code, on) => {
        const row = await queryOne<{ r: number }>(app.db, `SELECT effective_region($1, $2::date) AS r`, [code, on]);
        expect(row.r).toBe(effectiveRegionCode(regions, code, on));
      }),
      { numRuns: 200 },
    );
  });

  it('region succession: equal on generated region calendars (chains, dead ends, cycles)', async () => {
    const calendar = fc.array(
      fc.record({
        validTo: fc.option(isoDate, { nil: null }),
        successor: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(calendar, fc.array(isoDate, { minLength: 1, maxLength: 5 }), async (spec, dates) => {
        const qr = app.db.createQueryRunner();
        await qr.connect();
        await qr.startTransaction();
        try {
          const code = (i: number) => 9100 + i;
          const map = new Map<number, Region>();
          for (const [i, r] of spec.entries()) {
            await qr.query(
              `INSERT INTO region (code, iso_code, name, slug, valid_from, valid_to) VALUES ($1, 'X', $2, $2, '2000-01-01', $3)`,
              [code(i), `test-${i}`, r.validTo],
            );
          }
          for (const [i, r] of spec.entries()) {
            const successor = r.successor === null || r.successor >= spec.length ? null : code(r.successor);
            await qr.query(`UPDATE region SET successor_code = $2 WHERE code = $1`, [code(i), successor]);
            map.set(code(i), { code: code(i), validTo: r.validTo, successorCode: successor } as Region);
          }
          for (const [i] of spec.entries()) {
            for (const on of dates) {
              const row = await queryOne<{ r: number }>(qr, `SELECT effective_region($1, $2::date) AS r`, [
                code(i),
                on,
              ]);
              expect(row.r).toBe(effectiveRegionCode(map, code(i), on));
            }
          }
        } finally {
          await qr.rollbackTransaction();
          await qr.release();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agreement rule: SQL agreement_valid_to = the latest validTo of ReferenceService.agreements (the check createOffer makes)', async () => {
    // A provider of its own (inactive, so no list or ranking shows it) whose agreements each run replaces.
    const provider = await queryOne<{ id: string }>(
      app.db,
      `INSERT INTO provider (key, name, kind, region_code, country, lat, lon, cancer_areas, modalities, active)
       VALUES ('parity-' || gen_random_uuid(), 'Parity test clinic', 'PRIVATE', 1082, 'DK', 56.1, 10.2,
               '{BREAST,LUNG,URINARY}', '{SURGERY,CHEMOTHERAPY}', false) RETURNING id`,
    );
    const areas = fc.subarray(['BREAST', 'LUNG', 'URINARY'], { minLength: 1 });
    const modalities = fc.subarray(['SURGERY', 'CHEMOTHERAPY'], { minLength: 1 });
    const agreement = fc
      .record({ from: isoDate, days: fc.integer({ min: 0, max: 900 }), areas, modalities })
      .map((a) => ({ ...a, to: addDays(a.from, a.days) }));
    const ask = fc.record({
      area: fc.constantFrom('BREAST', 'LUNG', 'URINARY'),
      modality: fc.constantFrom('SURGERY', 'CHEMOTHERAPY'),
      on: isoDate,
    });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(agreement, { maxLength: 4 }),
          fc.array(ask, { minLength: 1, maxLength: 8 }),
          async (agreements, asks) => {
            await app.db.query(`DELETE FROM agreement WHERE provider_id = $1`, [provider.id]);
            for (const a of agreements) {
              await app.db.query(
                `INSERT INTO agreement (provider_id, valid_from, valid_to, cancer_areas, modalities) VALUES ($1, $2, $3, $4, $5)`,
                [provider.id, a.from, a.to, a.areas, a.modalities],
              );
            }
            for (const q of asks) {
              const sql = await queryOne<{ v: string | null }>(
                app.db,
                `SELECT agreement_valid_to($1, $2, $3, $4::date)::text AS v`,
                [provider.id, q.area, q.modality, q.on],
              );
              const valid = await reference.agreements({
                providerId: provider.id,
                validOn: q.on,
                cancerArea: q.area as never,
                modality: q.modality as never,
              });
              const latest = valid.length
                ? valid
                    .map((a) => a.validTo)
                    .sort()
                    .at(-1)!
                : null;
              expect(sql.v).toBe(latest);
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await app.db.query(`DELETE FROM agreement WHERE provider_id = $1`, [provider.id]);
    }
  });

  it('at risk: the generated column is what the early-warning sweep and the pathway filter use', async () => {
    // The sweep selects on p.at_risk (the generated column), so the rule has one source; pin the column's meaning.
    const statuses = ['WAITING', 'OFFERED', 'SCHEDULED', 'TREATED', 'CLOSED'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...statuses),
        isoDate,
        fc.option(isoDate, { nil: null }),
        async (status, deadline, expected) => {
          const qr = app.db.createQueryRunner();
          await qr.connect();
          await qr.startTransaction();
          try {
            const row = await queryOne<{ at_risk: boolean }>(
              qr,
              `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start,
                                  expected_date, status, deadline, base_deadline, rule_set)
             VALUES ('parity', 1084, 101, 'BREAST', 'PRIMARY_TREATMENT', 'SURGERY', '2020-01-01', $1, $2, $3, $3, 'x')
             RETURNING at_risk`,
              [expected, status, deadline],
            );
            const open = status === 'WAITING' || status === 'OFFERED';
            expect(row.at_risk).toBe(open && (expected === null || expected > deadline));
          } finally {
            await qr.rollbackTransaction();
            await qr.release();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('haversine: matchCandidates (SQL) gives the distance allocation/geo.ts computes, to 0.1 km', async () => {
    for (const key of [
      'rh-rigshospitalet-onkologi',
      'rsd-odense-universitetshospital',
      'rn-aalborg-universitetshospital',
      'de-uksh-kiel',
    ]) {
      await app.insertSlot(key, { inMs: 9 * DAY });
    }
    const munis = [...(await reference.municipalityMap()).values()];
    const q = `query($id: ID!) { matchCandidates(pathwayId: $id, limit: 50, includeOwnRegion: true) { distanceKm provider { lat lon } } }`;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...munis), async (m) => {
        const p = await app.registerPathway(SECRETARIAT, { homeMunicipalityCode: m.code });
        const got = (
          await app.ok<{ matchCandidates: { distanceKm: number; provider: { lat: number; lon: number } }[] }>(
            q,
            { id: p.id },
            SECRETARIAT,
          )
        ).matchCandidates;
        expect(got.length).toBeGreaterThan(0);
        for (const c of got) {
          const km = haversineKm(m.lat, m.lon, c.provider.lat, c.provider.lon);
          const rounded = Math.round(km * 10) / 10;
          // Equal, except where the two libms differ in the last bit exactly at a rounding boundary (x.x5).
          const atBoundary = Math.abs(km * 10 - Math.floor(km * 10) - 0.5) < 1e-6;
          if (atBoundary) expect(Math.abs(c.distanceKm - rounded)).toBeLessThanOrEqual(0.1 + 1e-9);
          else expect(c.distanceKm).toBe(rounded);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('audit snapshot: the SQL snapshot of a published slot = the entity snapshot AuditService writes', async () => {
    const provider = await app.providerId('rh-rigshospitalet-onkologi');
    const PUBLISH = `mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { id } }`;
    let entityKeys: string[] | null = null;
    let publishedIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 2 * DAY, max: 300 * DAY }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 5, max: 1440 }),
        async (offsets, duration) => {
          const base = Date.now();
          const starts = offsets.map((o) => new Date(base + o).toISOString());
          const res = await app.gql<{ publishSlots: { id: string }[] }>(
            PUBLISH,
            {
              i: { providerId: provider, cancerArea: 'BREAST', modality: 'SURGERY', starts, durationMinutes: duration },
            },
            PLANNER_H,
          );
          expect(res.errors).toBeUndefined();
          const ids = res.data!.publishSlots.map((s) => s.id);
          publishedIds = ids;
          const slots = await app.db.getRepository(Slot).findBy({ id: In(ids) });
          const audits = await query<{ entity_id: string; after: Record<string, unknown> }>(
            app.db,
            `SELECT entity_id, after FROM audit_log WHERE action = 'slot.publish' AND entity_id = ANY($1)`,
            [ids],
          );
          expect(audits).toHaveLength(ids.length);
          for (const a of audits) {
            const entity = JSON.parse(JSON.stringify(slots.find((s) => s.id === a.entity_id))) as Record<
              string,
              unknown
            >;
            entityKeys = Object.keys(entity);
            const shared = Object.fromEntries(Object.keys(a.after).map((k) => [k, entity[k]]));
            expect(a.after).toEqual(shared);
          }
        },
      ),
      { numRuns: 10 },
    );
    // The SQL snapshot has every entity field except the bookkeeping ones (who published, row timestamps). Asked
    // of this test's own slots: other files publish series into the same database, whose rows say more.
    const [sample] = await query<{ after: Record<string, unknown> }>(
      app.db,
      `SELECT after FROM audit_log WHERE action = 'slot.publish' AND entity_id = ANY($1) LIMIT 1`,
      [publishedIds],
    );
    expect(entityKeys!.filter((k) => !(k in sample.after)).sort()).toEqual(['createdAt', 'publishedBy', 'updatedAt']);
  });

  it("createOffer's one-statement read: a pathway and its answers read as JSON are the entities TypeORM loads", async () => {
    const pathways = app.api.get(PathwaysService);
    // Pathways of this test: one with two declined offers (answers, a travel limit), one updated, one untouched.
    const OFFER = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`;
    const RESPOND = `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id } }`;
    const answered = await app.registerPathway(PLANNER_H);
    for (const [i, reason] of ['FAMILY_OR_WORK', 'DISTANCE'].entries()) {
      const slot = await app.insertSlot('rn-aalborg-universitetshospital', { inMs: (5 + i) * DAY });
      const { createOffer } = await app.ok<{ createOffer: { id: string } }>(
        OFFER,
        { i: { pathwayId: answered.id, slotId: slot } },
        PLANNER_H,
      );
      const extra = reason === 'DISTANCE' ? { recordMaxTravelKm: 150 } : {};
      await app.ok(
        RESPOND,
        { i: { offerId: createOffer.id, response: 'DECLINED', declineReason: reason, ...extra } },
        PLANNER_H,
      );
    }
    const updated = await app.registerPathway(PLANNER_H, { expectedDate: addDays(today, 20) });
    const plain = await app.registerPathway(PLANNER_H);
    const ids = [answered.id, updated.id, plain.id];
    let answers = 0;
    for (const id of ids) {
      const row = await queryOne<{ pathway: Record<string, unknown>; answers: Record<string, unknown>[] }>(
        app.db,
        `SELECT ${pathwayJsonSql('$1')} AS pathway, ${patientAnswersJsonSql('$1')} AS answers`,
        [id],
      );
      expect(entityFromJson(app.db, Pathway, row.pathway)).toEqual(
        await app.db.getRepository(Pathway).findOneByOrFail({ id }),
      );
      const loaded = await pathways.answersOf([id]);
      expect(pathways.answersFromJson(row.answers)).toEqual(loaded);
      answers += loaded.length;
    }
    expect(answers).toBe(2);
    const none = await queryOne<{ pathway: null }>(app.db, `SELECT ${pathwayJsonSql('$1')} AS pathway`, [
      '00000000-0000-4000-8000-000000000000',
    ]);
    await expect(
      pathways.forWriteFromJson(SYSTEM_ACTOR, '00000000-0000-4000-8000-000000000000', none.pathway),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('pathways below offers: the booking guard is registered by offers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const UPDATE = `mutation($i: UpdatePathwayInput!) { updatePathway(input: $i) { status } }`;

  it('a pathway scheduled through an accepted offer cannot be reopened or closed by hand, but can be treated', async () => {
    const p = await app.registerPathway(PLANNER_H, { clockStart: addDays(today, -5) });
    const s = await app.insertSlot('rm-aarhus-universitetshospital', { inMs: 10 * DAY });
    const o = await app.ok<{ createOffer: { id: string; slotDate: string } }>(
      `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id slotDate } }`,
      { i: { pathwayId: p.id, slotId: s } },
      PLANNER_H,
    );
    await app.ok(
      `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id } }`,
      { i: { offerId: o.createOffer.id, response: 'ACCEPTED' } },
      PLANNER_H,
    );
    for (const status of ['WAITING', 'CLOSED']) {
      const r = await app.gql(UPDATE, { i: { pathwayId: p.id, status } }, PLANNER_H);
      expect(codeOf(r)).toBe('INVALID_STATE');
      expect(r.errors![0].message).toMatch(/accepted offer/);
    }
    const treated = await app.ok<{ updatePathway: { status: string } }>(
      UPDATE,
      { i: { pathwayId: p.id, status: 'TREATED', treatedOn: today } },
      PLANNER_H,
    );
    expect(treated.updatePathway.status).toBe('TREATED');
  });

  it('a pathway scheduled by hand (no offer) can go back to WAITING', async () => {
    const p = await app.registerPathway(PLANNER_H, { clockStart: addDays(today, -5) });
    await app.ok(UPDATE, { i: { pathwayId: p.id, status: 'SCHEDULED', expectedDate: addDays(today, 7) } }, PLANNER_H);
    const back = await app.ok<{ updatePathway: { status: string } }>(
      UPDATE,
      { i: { pathwayId: p.id, status: 'WAITING' } },
      PLANNER_H,
    );
    expect(back.updatePathway.status).toBe('WAITING');
  });
});

describe('one clock: services take "today" from the Clock provider, so tests and the demo can set it', () => {
  let app: TestApp;
  let clock: Clock;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    clock = app.api.get(Clock);
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await app.close();
  });

  it("registerPathway: clockStart may not be after the clock's today", async () => {
    const ahead = addDays(today, 10);
    const refused = await app.gql(
      `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id } }`,
      {
        i: {
          reference: `CLK-${Date.now()}`,
          homeMunicipalityCode: 101,
          cancerArea: 'BREAST',
          phase: 'PRIMARY_TREATMENT',
          modality: 'SURGERY',
          clockStart: ahead,
        },
      },
      PLANNER_H,
    );
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    clock.set(`${addDays(today, 12)}T10:00:00Z`);
    const p = await app.registerPathway(PLANNER_H, { clockStart: ahead });
    expect(p.id).toBeTruthy();
  });

  it("createOffer follows the clock: a slot started by the clock's now is refused; offeredOn and the default expiry count from it", async () => {
    const day = addDays(today, 8);
    const n = app.api.get(AppConfig).offerExpiryWorkingDays;
    const early = await app.insertSlot('rm-aarhus-universitetshospital', { date: addDays(today, 3) });
    const later = await app.insertSlot('rm-aarhus-universitetshospital', { date: addDays(today, 20) });
    const p = await app.registerPathway(PLANNER_H);
    clock.set(copenhagenToUtc(day, '09:30'));
    const OFFER = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { offeredAt offeredOn expiresAt } }`;
    const refused = await app.gql(OFFER, { i: { pathwayId: p.id, slotId: early } }, PLANNER_H);
    expect(codeOf(refused)).toBe('SLOT_NOT_AVAILABLE');
    const made = await app.ok<{ createOffer: { offeredAt: string; offeredOn: string; expiresAt: string } }>(
      OFFER,
      { i: { pathwayId: p.id, slotId: later } },
      PLANNER_H,
    );
    expect(made.createOffer).toEqual({
      offeredAt: copenhagenToUtc(day, '09:30').toISOString(),
      offeredOn: day,
      expiresAt: copenhagenToUtc(addWorkingDays(day, n), '09:30').toISOString(),
    });
  });

  it('region succession follows the clock: Hovedstaden is part of Østdanmark once the clock is in 2027', async () => {
    const q = `{ municipalities(regionCode: 1084) { code effectiveRegionCode } }`;
    clock.set('2026-06-01T10:00:00Z');
    const before = (
      await app.ok<{ municipalities: { code: number; effectiveRegionCode: number }[] }>(q, {}, SECRETARIAT)
    ).municipalities;
    expect(before.find((m) => m.code === 101)?.effectiveRegionCode).toBe(1084);
    clock.set('2027-02-01T10:00:00Z');
    const after = (
      await app.ok<{ municipalities: { code: number; effectiveRegionCode: number }[] }>(q, {}, SECRETARIAT)
    ).municipalities;
    expect(after.find((m) => m.code === 101)?.effectiveRegionCode).toBe(1086);
  });
});
