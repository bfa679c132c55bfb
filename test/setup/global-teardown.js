'use strict';
const { default: Redis } = require('ioredis');

module.exports = async function globalTeardown() {
  const state = globalThis.__CX_TEST__;
  if (!state) return;
  // Remove this run's BullMQ keys when sharing a Redis with others.
  if (process.env.REDIS_URL && process.env.CX_TEST_QUEUE_PREFIX) {
    const r = new Redis(process.env.CX_TEST_REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${process.env.CX_TEST_QUEUE_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
  await state.dropDb().catch((err) => console.error('could not drop test database:', err.message));
  for (const stop of state.stops.reverse()) await stop().catch(() => undefined);
};
