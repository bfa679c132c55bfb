import { OutboxService } from '@app/core';
import { copenhagenToUtc, copenhagenWallClock } from '@app/capacity';
import { addDays, addWorkingDays, todayInCopenhagen } from '@app/deadline';
import { bootApp, codeOf, TestApp, waitFor } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const OBSERVER = 'observer@demo.dk';
const today = todayInCopenhagen();
const DAY = 86_400_000;

const CREATE = `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id status expiresAt slotDate meetsDeadline providerKind providerCountry } }`;
const RESPOND = `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id status declineReason note } }`;

describe('offers: hold, answer, expire, no double booking, handlepligt evidence', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const pathway = (over: Record<string, unknown> = {}) =>
    app.registerPathway(PLANNER_H, { clockStart: addDays(today, -5), ...over });
  const slot = (key: string, startsInMs: number, area = 'BREAST', modality = 'SURGERY') =>
    app.insertSlot(key, { inMs: startsInMs }, area, modality);
  const slotStatus = async (id: string) =>
    (await app.db.query(`SELECT status FROM slot WHERE id = $1`, [id]))[0].status;
  const pathwayOf = async (id: string) =>
    (
      await app.ok<any>(
        `query($id: ID!) { pathway(id: $id) { status expectedDate offers { id status declineReason } } }`,
        { id },
        PLANNER_H,
      )
    ).pathway;

  it('accept: slot FREE → HELD → BOOKED, pathway WAITING → OFFERED → SCHEDULED, every transition audited', async () => {
    const p = await pathway();
    const s = await slot('rm-aarhus-universitetshospital', 10 * DAY, 'BREAST', 'SURGERY');
    const wall = copenhagenWallClock(new Date());
    const o = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s } }, PLANNER_H)).createOffer;
    expect(o).toMatchObject({ status: 'PENDING', providerKind: 'PUBLIC', providerCountry: 'DK' });
    // Default expiry: the same Copenhagen wall-clock time 3 working days (public-sector calendar) ahead.
    const expected = copenhagenToUtc(addWorkingDays(wall.date, 3), wall.time).getTime();
    expect(Math.abs(new Date(o.expiresAt).getTime() - expected)).toBeLessThan(120_000);
    expect(await slotStatus(s)).toBe('HELD');
    expect((await pathwayOf(p.id)).status).toBe('OFFERED');
    const accepted = (await app.ok<any>(RESPOND, { i: { offerId: o.id, response: 'ACCEPTED' } }, PLANNER_H))
      .respondToOffer;
    expect(accepted.status).toBe('ACCEPTED');
    expect(await slotStatus(s)).toBe('BOOKED');
    expect(await pathwayOf(p.id)).toMatchObject({ status: 'SCHEDULED', expectedDate: o.slotDate });
    expect(
      codeOf(
        await app.gql(RESPOND, { i: { offerId: o.id, response: 'DECLINED', declineReason: 'TIMING' } }, PLANNER_H),
      ),
    ).toBe('INVALID_STATE');
    const audit = await app.db.query(`SELECT action FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`, [
      [o.id, s, p.id],
    ]);
    expect(audit.map((a: any) => a.action)).toEqual(
      expect.arrayContaining([
        'offer.create',
        'slot.hold',
        'pathway.offered',
        'slot.booked',
        'pathway.scheduled',
        'offer.accepted',
      ]),
    );
  });

  it('decline needs a reason (and a note for OTHER); the slot is free again and the pathway waits', async () => {
    const p = await pathway();
    const s = await slot('de-uksh-kiel', 4 * DAY);
    const o = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s } }, PLANNER_H)).createOffer;
    expect(o).toMatchObject({ providerKind: 'FOREIGN', providerCountry: 'DE' });
    expect(codeOf(await app.gql(RESPOND, { i: { offerId: o.id, response: 'DECLINED' } }, PLANNER_H))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await app.gql(RESPOND, { i: { offerId: o.id, response: 'DECLINED', declineReason: 'OTHER' } }, PLANNER_H)),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await app.gql(
          RESPOND,
          { i: { offerId: o.id, response: 'DECLINED', declineReason: 'ABROAD', note: 'cpr 010203-1234' } },
          PLANNER_H,
        ),
      ),
    ).toBe('PERSONAL_DATA_REJECTED');
    expect(
      codeOf(
        await app.gql(RESPOND, { i: { offerId: o.id, response: 'DECLINED', declineReason: 'ABROAD' } }, PLANNER_N),
      ),
    ).toBe('FORBIDDEN');
    const d = (
      await app.ok<any>(
        RESPOND,
        { i: { offerId: o.id, response: 'DECLINED', declineReason: 'ABROAD', note: 'Vil ikke til Tyskland' } },
        PLANNER_H,
      )
    ).respondToOffer;
    expect(d).toMatchObject({ status: 'DECLINED', declineReason: 'ABROAD', note: 'Vil ikke til Tyskland' });
    expect(await slotStatus(s)).toBe('FREE');
    expect((await pathwayOf(p.id)).status).toBe('WAITING');
    // The patient said no to this slot: it is never offered to them again (issue 16).
    const again = await app.gql(CREATE, { i: { pathwayId: p.id, slotId: s } }, PLANNER_H);
    expect(codeOf(again)).toBe('INVALID_STATE');
    expect(again.errors![0].message).toContain('The patient declined this slot on');
  });

  it('checks: agreement for private/foreign on the slot date, own region, area/modality, roles', async () => {
    const p = await pathway();
    const lund2027 = await slot('se-sus-lund', 60 * DAY);
    const noAgreement = await app.gql(CREATE, { i: { pathwayId: p.id, slotId: lund2027 } }, PLANNER_H);
    expect(codeOf(noAgreement)).toBe('AGREEMENT_REQUIRED');
    const rigs = await slot('rh-rigshospitalet-onkologi', 3 * DAY);
    const own = await app.gql(CREATE, { i: { pathwayId: p.id, slotId: rigs } }, PLANNER_H);
    expect(codeOf(own)).toBe('BAD_USER_INPUT');
    expect(own.errors![0].message).toMatch(/own region/);
    const chemo = await slot('rm-aarhus-universitetshospital', 3 * DAY, 'BREAST', 'CHEMOTHERAPY');
    expect(codeOf(await app.gql(CREATE, { i: { pathwayId: p.id, slotId: chemo } }, PLANNER_H))).toBe('BAD_USER_INPUT');
    const aarhus = await slot('rm-aarhus-universitetshospital', 3 * DAY);
    expect(codeOf(await app.gql(CREATE, { i: { pathwayId: p.id, slotId: aarhus } }, PLANNER_N))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(CREATE, { i: { pathwayId: p.id, slotId: aarhus } }, OBSERVER))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await app.gql(CREATE, { i: { pathwayId: p.id, slotId: '00000000-0000-4000-8000-000000000000' } }, PLANNER_H),
      ),
    ).toBe('NOT_FOUND');
    const ok = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: rigs, allowOwnRegion: true } }, PLANNER_H))
      .createOffer;
    expect(ok.status).toBe('PENDING');
    expect(codeOf(await app.gql(CREATE, { i: { pathwayId: p.id, slotId: aarhus } }, PLANNER_H))).toBe('INVALID_STATE');
  });

  it('50 concurrent createOffer on one slot over real HTTP: exactly one wins, 49 get SLOT_NOT_AVAILABLE', async () => {
    const s = await slot('rm-aarhus-universitetshospital', 5 * DAY);
    const pathways = [];
    for (let i = 0; i < 50; i++) pathways.push(await pathway());
    await app.api.listen(0);
    const url = `${await app.api.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const token = await app.token(PLANNER_H);
    const results = await Promise.all(
      pathways.map((p) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: CREATE, variables: { i: { pathwayId: p.id, slotId: s } } }),
        }).then((r) => r.json() as Promise<any>),
      ),
    );
    const won = results.filter((r) => r.data?.createOffer);
    const lost = results.filter((r) => r.errors?.[0]?.extensions?.code === 'SLOT_NOT_AVAILABLE');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const live = await app.db.query(
      `SELECT count(*)::int AS n FROM offer WHERE slot_id = $1 AND status IN ('PENDING','ACCEPTED')`,
      [s],
    );
    expect(live[0].n).toBe(1);
    const waiting = await app.db.query(
      `SELECT count(*)::int AS n FROM pathway WHERE id = ANY($1) AND status = 'WAITING'`,
      [pathways.map((p) => p.id)],
    );
    expect(waiting[0].n).toBe(49);
    await expect(
      app.db.query(
        `INSERT INTO offer (pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
         slot_starts_at, slot_date, deadline_at_offer, offered_on, expires_at)
       SELECT $2, slot_id, 'PENDING', region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
         slot_starts_at, slot_date, deadline_at_offer, offered_on, expires_at FROM offer WHERE slot_id = $1`,
        [s, pathways[1].id],
      ),
    ).rejects.toThrow(/offer_one_live_per_slot/);
  });

  it('20 concurrent createOffer for one pathway on 20 slots: exactly one wins, the other 19 slots stay FREE', async () => {
    // createOffer reads without a lock and writes in one statement guarded by the pathway's version: the losers'
    // statements must then write nothing at all (no slot left HELD for an offer that does not exist).
    const p = await pathway();
    const slots: string[] = [];
    for (let i = 0; i < 20; i++) slots.push(await slot('rm-aarhus-universitetshospital', 6 * DAY + i * 60_000));
    const results = await Promise.all(
      slots.map((s) => app.gql<any>(CREATE, { i: { pathwayId: p.id, slotId: s } }, PLANNER_H)),
    );
    const won = results.filter((r) => r.data?.createOffer);
    expect(won).toHaveLength(1);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(codes).toEqual(Array(19).fill('INVALID_STATE'));
    const held = await app.db.query(`SELECT id FROM slot WHERE id = ANY($1) AND status <> 'FREE'`, [slots]);
    expect(held).toHaveLength(1);
    const offers = await app.db.query(`SELECT slot_id FROM offer WHERE pathway_id = $1`, [p.id]);
    expect(offers).toHaveLength(1);
    expect(offers[0].slot_id).toBe(held[0].id);
    expect((await pathwayOf(p.id)).status).toBe('OFFERED');
    // One audit trail: one offer.create, one pathway.offered, one slot.hold.
    const trail = await app.db.query(
      `SELECT action, count(*)::int AS n FROM audit_log
        WHERE (entity_id = $1 OR entity_id = ANY($2::text[])) AND action IN ('pathway.offered','slot.hold') GROUP BY action`,
      [p.id, slots],
    );
    expect(Object.fromEntries(trail.map((r: { action: string; n: number }) => [r.action, r.n]))).toEqual({
      'pathway.offered': 1,
      'slot.hold': 1,
    });
  });

  it('a pending offer expires through the real worker at expiresAt and releases the slot', async () => {
    const p = await pathway();
    const s = await slot('rm-regionshospitalet-goedstrup', 3 * DAY);
    const o = (
      await app.ok<any>(
        CREATE,
        { i: { pathwayId: p.id, slotId: s, expiresAt: new Date(Date.now() + 1500).toISOString() } },
        PLANNER_H,
      )
    ).createOffer;
    await waitFor(
      async () => (await app.db.query(`SELECT status FROM offer WHERE id = $1`, [o.id]))[0].status === 'EXPIRED',
      20000,
    );
    expect(await slotStatus(s)).toBe('FREE');
    expect((await pathwayOf(p.id)).status).toBe('WAITING');
    const trail = await app.db.query(`SELECT action, actor_label FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      o.id,
    ]);
    expect(trail.map((t: any) => t.action)).toEqual(['offer.create', 'offer.expired']);
    expect(trail[1].actor_label).toBe('system');
  });

  it('an offer whose delayed job was lost still expires by the periodic sweep', async () => {
    const p = await pathway();
    const s = await slot('rm-regionshospitalet-randers', 3 * DAY);
    const o = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s } }, PLANNER_H)).createOffer;
    await app.db.query(`UPDATE offer SET expires_at = now() - interval '1 minute' WHERE id = $1`, [o.id]);
    const outbox = app.api.get(OutboxService);
    await app.db.transaction((m) => outbox.enqueue(m, 'offers.expiry-sweep', {}, { key: `sweep-${Date.now()}` }));
    await outbox.dispatchPending();
    await waitFor(
      async () => (await app.db.query(`SELECT status FROM offer WHERE id = $1`, [o.id]))[0].status === 'EXPIRED',
    );
    expect(await slotStatus(s)).toBe('FREE');
  });

  it('withdraw, and the evidence: pathway.offers and GET /pathways/:id/evidence.csv list every offer', async () => {
    const p = await pathway();
    const s1 = await slot('de-uksh-kiel', 6 * DAY);
    const s2 = await slot('rm-aarhus-universitetshospital', 7 * DAY);
    const o1 = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s1 } }, PLANNER_H)).createOffer;
    expect(
      codeOf(await app.gql(`mutation($id: ID!) { withdrawOffer(offerId: $id) { status } }`, { id: o1.id }, PLANNER_N)),
    ).toBe('FORBIDDEN');
    const w = await app.ok<any>(
      `mutation($id: ID!) { withdrawOffer(offerId: $id) { status } }`,
      { id: o1.id },
      PLANNER_H,
    );
    expect(w.withdrawOffer.status).toBe('WITHDRAWN');
    expect(await slotStatus(s1)).toBe('FREE');
    const o2 = (await app.ok<any>(CREATE, { i: { pathwayId: p.id, slotId: s2 } }, PLANNER_H)).createOffer;
    await app.ok(RESPOND, { i: { offerId: o2.id, response: 'DECLINED', declineReason: 'DISTANCE' } }, PLANNER_H);
    const po = await pathwayOf(p.id);
    expect(po.offers.map((x: any) => [x.id, x.status, x.declineReason])).toEqual([
      [o1.id, 'WITHDRAWN', null],
      [o2.id, 'DECLINED', 'DISTANCE'],
    ]);
    const csv = await app
      .http()
      .get(`/pathways/${p.id}/evidence.csv`)
      .set('authorization', `Bearer ${await app.token(PLANNER_H)}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^pathway_reference,region_code,cancer_area/);
    expect(lines[2]).toContain('DISTANCE');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="evidence-[A-Za-z0-9._-]+\.csv"$/);
    expect(lines[0].split(',').slice(6, 10)).toEqual([
      'provider_id',
      'provider_name',
      'provider_kind',
      'provider_country',
    ]);
    expect(lines[1]).toContain('Universitätsklinikum Schleswig-Holstein');
    expect(lines[1]).toContain(',FOREIGN,DE,');
    const denied = await app
      .http()
      .get(`/pathways/${p.id}/evidence.csv`)
      .set('authorization', `Bearer ${await app.token(PLANNER_N)}`)
      .expect(403);
    const body = denied.body;
    expect(body.message).toContain('Region Hovedstaden; you plan for Region Nordjylland');
    expect(body.messageDa).toContain('hører under Region Hovedstaden; du planlægger for Region Nordjylland');
    await app.http().get(`/pathways/${p.id}/evidence.csv`).expect(401);
    const list = await app.ok<any>(
      `query($id: ID) { offers(filter: {pathwayId: $id}) { nodes { id provider { name } pathway { id } madeByUser { name email } } } }`,
      { id: p.id },
      SECRETARIAT,
    );
    expect(list.offers.nodes).toHaveLength(2);
    expect(list.offers.nodes[0].madeByUser).toEqual({ name: 'Planlægger, Region Hovedstaden', email: PLANNER_H });
  });
});

describe("offers: the api hands expiry jobs to Redis itself (kicks), batched, without the worker's relay", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('30 offers made at once all reach Redis within seconds, in fewer relay runs than offers', async () => {
    const slots: string[] = [];
    const pathways: string[] = [];
    for (let i = 0; i < 30; i++) {
      slots.push(await app.insertSlot('rm-aarhus-universitetshospital', { inMs: 8 * DAY + i * 60_000 }));
      pathways.push((await app.registerPathway(PLANNER_H, { clockStart: addDays(today, -5) })).id);
    }
    const outbox = app.api.get(OutboxService);
    let runs = 0;
    const dispatch = outbox.dispatchPending.bind(outbox);
    outbox.dispatchPending = (batch?: number) => {
      runs++;
      return dispatch(batch);
    };
    const results = await Promise.all(
      slots.map((s, i) => app.gql<any>(CREATE, { i: { pathwayId: pathways[i], slotId: s } }, PLANNER_H)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const jobIds = results.map((r) => `offers.expire__${r.data.createOffer.id}`);
    // No worker runs here, so only the api's kicks can move the rows: a kick lost during a run would leave some.
    await waitFor(async () => (await outbox.pendingJobIds(jobIds)).size === 0, 10_000, 100);
    const dispatched = await app.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE job_id = ANY($1) AND dispatched_at IS NOT NULL`,
      [jobIds],
    );
    expect(dispatched[0].n).toBe(30);
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThan(30);
  });
});
