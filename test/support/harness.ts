import 'reflect-metadata';
import { AppConfig, loadConfig, runMigrations } from '@app/core';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { openDataSource } from '../../scripts/db';
import { DEMO_PASSWORD, seedDemo } from '../../scripts/demo-seed';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: process.env.CX_TEST_DATABASE_URL,
    REDIS_URL: process.env.CX_TEST_REDIS_URL,
    QUEUE_PREFIX: process.env.CX_TEST_QUEUE_PREFIX,
    JWT_SECRET: 'test-secret-test-secret-test-secret-123',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'silent',
    PORT: '0',
    LOGIN_RATE_LIMIT: '1000',
    ...overrides,
  });
}

let prepared: Promise<void> | null = null;

/** Migrations + demo users/providers (idempotent). */
async function migrateAndSeed(url: string): Promise<void> {
  await runMigrations(url);
  const ds = await openDataSource(url);
  try {
    await seedDemo(ds);
  } finally {
    await ds.destroy();
  }
}

/** Migrations + demo users/providers once per test file (idempotent, so cheap after the first file). */
export function prepareDb(): Promise<void> {
  prepared ??= migrateAndSeed(process.env.CX_TEST_DATABASE_URL!);
  return prepared;
}

// Plain CommonJS shared with the launcher and the global set-up.
const services = require('../../scripts/services.js') as {
  createDatabase(serverUrl: string, name: string): Promise<string>;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
};

/**
 * A database of the calling file's own, migrated and seeded, dropped again by TestApp.close(): for files whose
 * assertions depend on national figures that other files' data would change (the acceptance rates per distance band
 * and provider kind rank candidates, issue #22). Returns the config overrides that point the app at it.
 */
async function ownDatabase(): Promise<{ config: Record<string, string>; drop: () => Promise<void> }> {
  const serverUrl = process.env.CX_TEST_SERVER_URL!;
  const name = `cx_test_own_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const url = await services.createDatabase(serverUrl, name);
  await migrateAndSeed(url);
  return {
    config: { DATABASE_URL: url, QUEUE_PREFIX: `${process.env.CX_TEST_QUEUE_PREFIX}_${name}` },
    drop: () => services.dropDatabase(serverUrl, name),
  };
}

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; messageDa?: string }; path?: string[] }[];
}

export class TestApp {
  private tokens = new Map<string, string>();
  constructor(
    readonly api: INestApplication,
    readonly worker: INestApplicationContext | null,
    readonly db: DataSource,
  ) {}

  http() {
    return request(this.api.getHttpServer());
  }

  async token(email: string): Promise<string> {
    let t = this.tokens.get(email);
    if (!t) {
      const res = await this.gql<{ login: { accessToken: string } }>(
        `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
        { i: { email, password: DEMO_PASSWORD } },
      );
      if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      t = res.data.login.accessToken;
      this.tokens.set(email, t);
    }
    return t;
  }

  /** POST /graphql as `as` (an e-mail of a demo user) or anonymously. */
  async gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string,
  ): Promise<GqlResult<T>> {
    const req = this.http().post('/graphql').set('content-type', 'application/json');
    if (as) req.set('authorization', `Bearer ${await this.token(as)}`);
    const res = await req.send({ query, variables });
    return res.body as GqlResult<T>;
  }

  /** Like gql but fails the test on any error; returns data. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: string): Promise<T> {
    const res = await this.gql<T>(query, variables, as);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  private providerIds: Map<string, string> | null = null;
  // Random start: test files share one database, and seq is part of the slot's no-duplicate key.
  private slotSeq = Math.floor(Math.random() * 1e6) * 1000;

  /** Id of a demo provider by its key (providers.json). */
  async providerId(key: string): Promise<string> {
    if (!this.providerIds) {
      const rows: { id: string; key: string }[] = await this.db.query(
        `SELECT id, key FROM provider WHERE key IS NOT NULL`,
      );
      this.providerIds = new Map(rows.map((r) => [r.key, r.id]));
    }
    const id = this.providerIds.get(key);
    if (!id) throw new Error(`no demo provider ${key}`);
    return id;
  }

  /**
   * A FREE slot inserted directly (publishing has its own tests): at `date` 10:00 Copenhagen time, or `inMs` from now.
   * Region, kind and slot_date are filled by the database from the provider.
   */
  async insertSlot(
    key: string,
    at: { date: string } | { inMs: number },
    area = 'BREAST',
    modality = 'SURGERY',
  ): Promise<string> {
    const startsAt = 'date' in at ? null : new Date(Date.now() + at.inMs);
    const rows = await this.db.query(
      `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, seq)
       VALUES ($1, $2, $3, coalesce($4::timestamptz, ($5::date + time '10:00') AT TIME ZONE 'Europe/Copenhagen'), 60, $6) RETURNING id`,
      [await this.providerId(key), area, modality, startsAt, 'date' in at ? at.date : null, ++this.slotSeq],
    );
    return rows[0].id;
  }

  private referenceSeq = 0;

  /**
   * Registers a pathway through the API as `as` (default: a Hovedstaden BREAST surgery pathway, referral 3 days ago);
   * `over` replaces any input field. Returns id and the deadline libs/deadline computed.
   */
  async registerPathway(as: string, over: Record<string, unknown> = {}): Promise<{ id: string; deadline: string }> {
    const d = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const data = await this.ok<{ registerPathway: { id: string; deadline: string } }>(
      `mutation($i: RegisterPathwayInput!) { registerPathway(input: $i) { id deadline } }`,
      {
        i: {
          reference: `T-${Date.now().toString(36)}-${++this.referenceSeq}`,
          homeMunicipalityCode: 101,
          cancerArea: 'BREAST',
          phase: 'PRIMARY_TREATMENT',
          modality: 'SURGERY',
          clockStart: d,
          ...over,
        },
      },
      as,
    );
    return data.registerPathway;
  }

  /** Run after the app is closed (e.g. dropping a file's own database). */
  readonly afterClose: (() => Promise<void>)[] = [];
  /** Config overrides of the database this app uses, for a second app on the same data (empty: the run's). */
  databaseConfig: Record<string, string> = {};

  async close(): Promise<void> {
    await this.worker?.close();
    await this.api.close();
    for (const f of this.afterClose) await f();
  }
}

/**
 * Boots the real api (and by default the real worker) against this run's PostgreSQL and Redis; with `ownDatabase`,
 * against a database of the file's own (see ownDatabase()).
 */
export async function bootApp(
  opts: { worker?: boolean; config?: Record<string, string>; ownDatabase?: boolean } = {},
): Promise<TestApp> {
  const own = opts.ownDatabase ? await ownDatabase() : null;
  if (!own) await prepareDb();
  const overrides = { ...own?.config, ...opts.config };
  const config = testConfig(overrides);
  const api = await createApi(config);
  await api.init();
  const worker = opts.worker === false ? null : await createWorker(testConfig(overrides));
  const app = new TestApp(api, worker, api.get<DataSource>(getDataSourceToken()));
  if (own) {
    app.databaseConfig = own.config;
    app.afterClose.push(own.drop);
  }
  return app;
}

export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 15000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
