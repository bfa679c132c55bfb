import { addDays, todayInCopenhagen } from '@app/deadline';
import { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/src/bootstrap';
import { bootApp, testConfig, TestApp, waitFor } from './support/harness';

describe('offer expiry while the worker is down', () => {
  let app: TestApp;
  let worker: INestApplicationContext | null = null;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
  });

  it('an answer that arrives after expiresAt (no worker ran) is refused and expires the offer, releasing the slot', async () => {
    const today = todayInCopenhagen();
    const p = await app.registerPathway('planner.hovedstaden@demo.dk', { clockStart: addDays(today, -2) });
    const slot = await app.insertSlot('rsd-odense-universitetshospital', { inMs: 5 * 86_400_000 });
    const offer = (
      await app.ok<any>(
        `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`,
        { i: { pathwayId: p.id, slotId: slot, expiresAt: new Date(Date.now() + 500).toISOString() } },
        'planner.hovedstaden@demo.dk',
      )
    ).createOffer;
    await new Promise((r) => setTimeout(r, 1200));
    const late = await app.gql(
      `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { status } }`,
      { i: { offerId: offer.id, response: 'ACCEPTED' } },
      'planner.hovedstaden@demo.dk',
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(late.errors?.[0]?.message).toMatch(/expired/);
    expect((await app.db.query(`SELECT status FROM offer WHERE id = $1`, [offer.id]))[0].status).toBe('EXPIRED');
    expect((await app.db.query(`SELECT status FROM slot WHERE id = $1`, [slot]))[0].status).toBe('FREE');
    expect((await app.db.query(`SELECT status FROM pathway WHERE id = $1`, [p.id]))[0].status).toBe('WAITING');
  });

  it('an offer whose expiry passed while no worker ran expires as soon as a worker starts', async () => {
    const today = todayInCopenhagen();
    const p = await app.registerPathway('planner.hovedstaden@demo.dk', { clockStart: addDays(today, -2) });
    const slot = await app.insertSlot('rsd-odense-universitetshospital', { inMs: 4 * 86_400_000 });
    const offer = (
      await app.ok<any>(
        `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`,
        { i: { pathwayId: p.id, slotId: slot, expiresAt: new Date(Date.now() + 800).toISOString() } },
        'planner.hovedstaden@demo.dk',
      )
    ).createOffer;
    await new Promise((r) => setTimeout(r, 2000));
    const status = async () => (await app.db.query(`SELECT status FROM offer WHERE id = $1`, [offer.id]))[0].status;
    expect(await status()).toBe('PENDING');
    worker = await createWorker(testConfig());
    await waitFor(async () => (await status()) === 'EXPIRED', 20000);
    expect((await app.db.query(`SELECT status FROM slot WHERE id = $1`, [slot]))[0].status).toBe('FREE');
  });
});
