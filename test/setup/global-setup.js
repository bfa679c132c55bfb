// Once per `npm test`: a fresh database (unique name) and a Redis key prefix for this run only.
// Uses DATABASE_URL / REDIS_URL when set, else an embedded PostgreSQL and a private redis-server.
'use strict';
const crypto = require('node:crypto');
const services = require('../../scripts/services.js');

module.exports = async function globalSetup() {
  const runId = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  const state = { runId, stops: [] };
  const acquired = await services.acquireServices();
  state.stops.push(acquired.stop);
  const serverUrl = acquired.serverUrl;
  const dbName = `cx_test_${runId}`;
  const databaseUrl = await services.createDatabase(serverUrl, dbName);
  state.dropDb = () => services.dropDatabase(serverUrl, dbName);
  const redisUrl = acquired.redisUrl;
  process.env.CX_TEST_SERVER_URL = serverUrl;
  process.env.CX_TEST_DATABASE_URL = databaseUrl;
  process.env.CX_TEST_REDIS_URL = redisUrl;
  process.env.CX_TEST_QUEUE_PREFIX = `cxtest_${runId}`;
  globalThis.__CX_TEST__ = state;
};
