import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL (host, port, db index, password, TLS). */
export function redisConnectionOptions(redisUrl: string): RedisOptions {
  const u = new URL(redisUrl);
  const db = u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Keep retrying forever with a capped delay: the worker must come back when Redis does.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}
