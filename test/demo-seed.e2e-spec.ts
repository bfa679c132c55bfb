import { computeDeadline, type Phase } from '@app/deadline';
import { Client } from 'pg';
import { prepareDatabase } from '../scripts/prepare';

const services = require('../scripts/services.js');

describe('npm start demo data (prepareDatabase in demo mode)', () => {
  const name = `cx_demo_${Date.now().toString(36)}`;
  let url: string;
  let db: Client;
  beforeAll(async () => {
    url = await services.createDatabase(process.env.CX_TEST_SERVER_URL, name);
    const first = await prepareDatabase(url, true);
    expect(first.logins).toContain('planner.hovedstaden@demo.dk / demo  (PLANNER)');
    await prepareDatabase(url, true);
    db = new Client({ connectionString: url });
    await db.connect();
  }, 60000);
  afterAll(async () => {
    await db.end();
    await services.dropDatabase(process.env.CX_TEST_SERVER_URL, name);
  });

  it('seeds users, providers, free slots, pathways at risk and two offers — once, however often it runs', async () => {
    const counts = (await db.query(`SELECT (SELECT count(*) FROM app_user)::int u, (SELECT count(*) FROM provider)::int p,
      (SELECT count(*) FROM slot WHERE status = 'FREE')::int s, (SELECT count(*) FROM pathway)::int pw,
      (SELECT count(*) FROM pathway WHERE at_risk)::int r, (SELECT count(*) FROM offer)::int o`)).rows[0];
    expect(counts).toMatchObject({ u: 14, p: 35, pw: 40, o: 2 });
    expect(counts.s).toBeGreaterThan(100);
    expect(counts.r).toBeGreaterThan(5);
    const offers = (await db.query(`SELECT status, provider_kind, decline_reason FROM offer ORDER BY status`)).rows;
    expect(offers).toEqual([
      { status: 'ACCEPTED', provider_kind: 'PUBLIC', decline_reason: null },
      { status: 'DECLINED', provider_kind: 'FOREIGN', decline_reason: 'ABROAD' },
    ]);
  });

  it('every demo deadline is the one libs/deadline computes', async () => {
    const rows = (await db.query(`SELECT phase, clock_start::text c, deadline::text d FROM pathway`)).rows;
    for (const r of rows) expect(r.d).toBe(computeDeadline({ phase: r.phase as Phase, clockStart: r.c }).deadline);
  });
});
