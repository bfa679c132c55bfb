import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createApi } from '../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '../libs/core/src';
import { prepareDatabase } from '../scripts/prepare';

/** What every database benchmark needs: its own database, Redis, the demo seed and optionally the real api over HTTP. */
export interface BenchEnv {
  runId: string;
  databaseUrl: string;
  redisUrl: string;
  config: AppConfig;
  db: Client;
  url: string;
  api: INestApplication | null;
  login: (email: string) => Promise<string>;
  gql: <T>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<T>;
}

interface Services {
  acquireServices(o: {
    redis?: boolean;
  }): Promise<{ serverUrl: string; redisUrl: string | null; stop: () => Promise<void> }>;
  createDatabase(serverUrl: string, name: string): Promise<string>;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
}

/** The repository root, whether this runs from bench/ or compiled from dist/bench/. */
export const ROOT = existsSync(join(__dirname, '..', 'package.json'))
  ? join(__dirname, '..')
  : join(__dirname, '..', '..');
// Plain CommonJS shared with the launcher and the tests; not part of the TypeScript build.
const services = require(join(ROOT, 'scripts', 'services.js')) as Services;

export { percentile, prng, round, runStandalone } from './util';

/** Sets up (scripts/services.js acquireServices: DATABASE_URL/REDIS_URL or embedded/private servers), runs `fn`, always tears down. */
export async function withBenchEnv<T>(
  fn: (env: BenchEnv) => Promise<T>,
  opts: { api?: boolean; redis?: boolean } = {},
): Promise<T> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const stops: (() => Promise<void>)[] = [];
  try {
    const acquired = await services.acquireServices({ redis: opts.redis !== false });
    stops.push(acquired.stop);
    const serverUrl = acquired.serverUrl;
    const dbName = `cx_bench_${runId}`;
    const databaseUrl = await services.createDatabase(serverUrl, dbName);
    stops.push(() => services.dropDatabase(serverUrl, dbName));
    // Benchmarks without jobs (redis: false) still need a syntactically valid URL for the config.
    const redisUrl = acquired.redisUrl ?? 'redis://127.0.0.1:6379';
    await prepareDatabase(databaseUrl, true, false);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    stops.push(() => db.end());
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `cxbench_${runId}`,
      JWT_SECRET: randomBytes(24).toString('hex'),
      DEMO_MODE: 'true',
      LOG_LEVEL: 'silent',
      PORT: '0',
      GRAPHQL_SCHEMA_FILE: '',
      LOGIN_RATE_LIMIT: '10000',
    });
    let api: INestApplication | null = null;
    let url = '';
    if (opts.api !== false) {
      api = await createApi(config);
      await api.listen(0, '127.0.0.1');
      const app = api;
      stops.push(() => app.close());
      url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    }
    const gql = async <R>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<R> => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: R; errors?: unknown[] };
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data as R;
    };
    const login = (email: string) =>
      gql<{ login: { accessToken: string } }>(null, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
        i: { email, password: 'demo' },
      }).then((d) => d.login.accessToken);
    return await fn({ runId, databaseUrl, redisUrl, config, db, url, api, login, gql });
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

export interface LoadRequest {
  token: string;
  query: string;
  variables: Record<string, unknown>;
}

// Runs in a worker thread for the whole benchmark. Each message is a list of GraphQL requests and a concurrency: that
// many clients each send their next request as soon as their last one is answered (a closed loop, as planners at
// their screens do), until the list is done. It answers with each latency (or error) and the wall time from the
// first request sent to the last answered. Connections stay open between messages, as browsers keep them.
const LOAD_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
// node:http with keep-alive rather than fetch: fetch's streams cost as much CPU per request as the api's own work,
// and this thread shares the machine's two cores with the api and PostgreSQL.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
const url = new URL('/graphql', workerData.url);
const post = (token, payload) => new Promise((resolve, reject) => {
  const body = Buffer.from(JSON.stringify(payload));
  const req = http.request(url, {
    method: 'POST', agent,
    headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: 'Bearer ' + token },
  }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch (e) { reject(e); } });
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end(body);
});
parentPort.on('message', async ({ requests, concurrency }) => {
  const t0 = performance.now();
  const out = new Array(requests.length);
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i];
      const t = performance.now();
      const body = await post(r.token, { query: r.query, variables: r.variables });
      out[i] = { ms: performance.now() - t, error: body.errors ? JSON.stringify(body.errors[0]) : null };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, client));
  parentPort.postMessage({ results: out, wallMs: performance.now() - t0 });
});`;

export interface LoadGenerator {
  /** Sends `requests` from `concurrency` clients in a closed loop; each latency (or error), and the wall time. */
  run(
    requests: LoadRequest[],
    concurrency: number,
  ): Promise<{ results: { ms: number; error: string | null }[]; wallMs: number }>;
  close(): Promise<void>;
}

/**
 * A load generator in a separate thread, so it does not share the api's event loop (the api runs in this process in
 * benchmarks). One thread for all batches: start it, warm it up with a batch, then measure.
 */
export function loadGenerator(url: string): LoadGenerator {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const w = new Worker(LOAD_THREAD, { eval: true, workerData: { url } });
  return {
    run: (requests, concurrency) =>
      new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        w.once('error', onError);
        w.once('message', (m) => {
          w.off('error', onError);
          resolve(m);
        });
        w.postMessage({ requests, concurrency });
      }),
    close: async () => {
      await w.terminate();
    },
  };
}
