// Once per `npm test`: a fresh database (unique name) and a Redis key prefix for this run only.
// Uses DATABASE_URL / REDIS_URL when set, else an embedded PostgreSQL and a private redis-server.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const services = require('../../scripts/services.js');

module.exports = async function globalSetup() {
  const runId = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  const state = { runId, stops: [] };
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-test-pg-'));
    const pg = await services.startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
    serverUrl = pg.url;
    state.stops.push(async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
  const dbName = `cx_test_${runId}`;
  const databaseUrl = await services.createDatabase(serverUrl, dbName);
  state.dropDb = () => services.dropDatabase(serverUrl, dbName);

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await services.startRedis();
    redisUrl = redis.url;
    state.stops.push(redis.stop);
  }
  process.env.CX_TEST_SERVER_URL = serverUrl;
  process.env.CX_TEST_DATABASE_URL = databaseUrl;
  process.env.CX_TEST_REDIS_URL = redisUrl;
  process.env.CX_TEST_QUEUE_PREFIX = `cxtest_${runId}`;
  globalThis.__CX_TEST__ = state;
};
