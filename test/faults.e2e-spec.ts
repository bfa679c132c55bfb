import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { addDays, todayInCopenhagen } from '@app/deadline';
import { runMigrations } from '@app/core';
import { bootApp, codeOf, TestApp, waitFor } from './support/harness';
import { openDataSource } from '../scripts/db';
import { seedDemo } from '../scripts/demo-seed';

// Plain CommonJS launcher helpers shared with npm start and the global test set-up.
const services = require('../scripts/services.js');

/** A private redis-server on a fixed port, so it can be stopped and started again at the same address. */
async function redisOn(port: number): Promise<ChildProcess> {
  const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await services.waitForPort(port, 10000);
  return p;
}
const stop = (p: ChildProcess) =>
  new Promise<void>((r) => (p.exitCode !== null ? r() : (p.once('exit', () => r()), p.kill('SIGKILL'))));

describe('faults against real services', () => {
  describe('Redis stops mid-run', () => {
    let app: TestApp;
    let redis: ChildProcess;
    let port: number;
    beforeAll(async () => {
      port = await services.freePort();
      redis = await redisOn(port);
      app = await bootApp({ config: { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: `cxfault${Date.now()}` } });
    });
    afterAll(async () => {
      await app.close();
      await stop(redis);
    }, 30000);

    it('reads keep working, an offer is still created (outbox), and its expiry runs once Redis is back', async () => {
      const today = todayInCopenhagen();
      const provider = (await app.db.query(`SELECT id FROM provider WHERE key = 'rm-aarhus-universitetshospital'`))[0]
        .id;
      const slot = (
        await app.db.query(
          `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, seq) VALUES ($1, 'BREAST', 'SURGERY', now() + interval '5 days', 60, 777) RETURNING id`,
          [provider],
        )
      )[0].id;
      const p = await app.registerPathway('planner.hovedstaden@demo.dk', { clockStart: addDays(today, -2) });

      await stop(redis);
      const health = await app.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.details.redis.status).toBe('down');
      expect(health.body.details.database.status).toBe('up');
      const read = await app.gql(`{ pathways(first: 5) { nodes { id } } }`, {}, 'planner.hovedstaden@demo.dk');
      expect(read.errors).toBeUndefined();

      const started = Date.now();
      const offer = await app.gql<any>(
        `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id status } }`,
        { i: { pathwayId: p.id, slotId: slot, expiresAt: new Date(Date.now() + 2000).toISOString() } },
        'planner.hovedstaden@demo.dk',
      );
      expect(offer.errors).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5000);
      const id = offer.data.createOffer.id;
      const pending = await app.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_id = $1 AND dispatched_at IS NULL`,
        [`offers.expire__${id}`],
      );
      expect(pending[0].n).toBe(1);

      redis = await redisOn(port);
      await waitFor(
        async () => (await app.db.query(`SELECT status FROM offer WHERE id = $1`, [id]))[0].status === 'EXPIRED',
        30000,
        250,
      );
      expect((await app.db.query(`SELECT status FROM slot WHERE id = $1`, [slot]))[0].status).toBe('FREE');
      await waitFor(async () => (await app.http().get('/health')).status === 200, 10000);
    });
  });

  describe('PostgreSQL restarts', () => {
    let app: TestApp;
    let child: ChildProcess;
    let lines: AsyncIterator<string>;
    const next = async () => JSON.parse((await lines.next()).value as string);
    const control = async (cmd: 'stop' | 'start') => {
      child.stdin!.write(cmd + '\n');
      expect(await next()).toEqual({ done: cmd });
    };
    beforeAll(async () => {
      child = spawn(process.execPath, [join(__dirname, 'support', 'pg-child.js')], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const { url: serverUrl } = await next();
      const url = await services.createDatabase(serverUrl, 'fault');
      await runMigrations(url);
      const ds = await openDataSource(url);
      await seedDemo(ds);
      await ds.destroy();
      app = await bootApp({ worker: false, config: { DATABASE_URL: url } });
    }, 60000);
    afterAll(async () => {
      await app?.close();
      child.stdin!.write('exit\n');
      await new Promise((r) => child.once('exit', r));
    }, 30000);

    it('the api answers with typed errors while the database is down and reconnects when it is back', async () => {
      const token = await app.token('secretariat@demo.dk');
      await control('stop');
      const health = await app.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.details.database.status).toBe('down');
      const res = await app
        .http()
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ providers { id } }' });
      expect(res.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
      await control('start');
      await waitFor(async () => (await app.http().get('/health')).status === 200, 20000, 250);
      const again = await app.gql<any>(`{ providers { id } }`, {}, 'secretariat@demo.dk');
      expect(again.errors).toBeUndefined();
      expect(again.data.providers.length).toBeGreaterThan(30);
      expect(codeOf(again)).toBeUndefined();
    });
  });
});
