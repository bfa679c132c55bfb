/**
 * The one validated configuration of api, worker, CLI and tests. Every variable is documented in README.md and
 * .env.example; a bad value stops start-up with a message naming the variable.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export class AppConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every BullMQ key, so parallel test runs and environments sharing one Redis do not collide. */
  queuePrefix: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  port: number;
  /** Public base URL of the api (scheme://host[:port][/path], no trailing slash): FHIR links are built from it. */
  publicUrl: string;
  demoMode: boolean;
  logLevel: LogLevel;
  runMigrations: boolean;
  earlyWarningWorkingDays: number;
  offerExpiryWorkingDays: number;
  /** Where the api writes the generated GraphQL schema; empty keeps it in memory (read-only containers). */
  graphqlSchemaFile: string;
  /** Provider kind preference in matching and allocation (domain.md §6), most preferred first. */
  providerKindOrder: ('PUBLIC' | 'PRIVATE' | 'FOREIGN')[];
  /** Login attempts allowed per client IP and minute. */
  loginRateLimit: number;
  /** Run the repeatable maintenance jobs (expiry sweeps, daily early warning) in this worker. */
  schedulers: boolean;
  /** Seconds between worker heartbeats; /health reports the worker down after 3 missed beats. */
  workerHeartbeatSeconds: number;
  /** The system Chromium that prints the report's PDF (CHROMIUM_PATH); no PDF, with a note on the report, when missing. */
  chromiumPath: string;
  /** Worker threads for the allocation solver (0 = one per core). */
  allocationThreads: number;
  /** Longest one allocation may run before it is stopped with TIME_BUDGET_EXCEEDED. */
  allocationTimeBudgetMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const v = env[name];
  if (v === undefined || v.trim() === '') throw new ConfigError(name, 'is required but not set (see .env.example)');
  return v.trim();
}

function url(env: Env, name: string, protocols: string[]): string {
  const v = required(env, name);
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ConfigError(name, `must be a URL like ${protocols[0]}//host:port (got "${v}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return v;
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, name: string, def: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  if (!(allowed as readonly string[]).includes(raw.trim())) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw.trim() as T;
}

// The .env.example value and its look-alikes: a copied example file must not run with a publicly known secret.
const PLACEHOLDER_SECRET = /change-?me|replace-?me|your-?secret|placeholder|example|not-?a-?secret/i;
/**
 * PUBLIC_URL, default http://localhost:PORT. Links the api hands out (FHIR Bundle.link, bulk files) are built from it,
 * never from the request's Host header, which any client can set.
 */
function publicUrl(env: Env, port: number): string {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return `http://localhost:${port}`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL like https://kapacitet.example.dk (got "${raw}")`);
  }
  if (!['http:', 'https:'].includes(u.protocol))
    throw new ConfigError('PUBLIC_URL', `must use http: or https: (got "${u.protocol}")`);
  if (u.search || u.hash || u.username || u.password) {
    throw new ConfigError('PUBLIC_URL', `must not contain a query, fragment or credentials (got "${raw}")`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const c = new AppConfig();
  c.databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  c.redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  c.queuePrefix = env.QUEUE_PREFIX?.trim() || 'cx';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(c.queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', `may only contain letters, digits, _ and - (got "${c.queuePrefix}")`);
  }
  c.demoMode = bool(env, 'DEMO_MODE', false);
  c.jwtSecret = required(env, 'JWT_SECRET');
  if (c.jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  if (PLACEHOLDER_SECRET.test(c.jwtSecret)) {
    throw new ConfigError(
      'JWT_SECRET',
      'is the placeholder from .env.example; generate one, e.g. openssl rand -hex 32',
    );
  }
  c.jwtExpiresIn = env.JWT_EXPIRES_IN?.trim() || '8h';
  if (!/^\d+[smhd]$/.test(c.jwtExpiresIn)) {
    throw new ConfigError('JWT_EXPIRES_IN', `must look like 30m, 8h or 1d (got "${c.jwtExpiresIn}")`);
  }
  c.port = int(env, 'PORT', 3000, 0, 65535);
  c.publicUrl = publicUrl(env, c.port);
  c.logLevel = oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const);
  c.runMigrations = bool(env, 'RUN_MIGRATIONS', false);
  c.earlyWarningWorkingDays = int(env, 'EARLY_WARNING_WORKING_DAYS', 5, 0, 60);
  c.offerExpiryWorkingDays = int(env, 'OFFER_EXPIRY_WORKING_DAYS', 3, 1, 30);
  c.schedulers = bool(env, 'SCHEDULERS', true);
  c.workerHeartbeatSeconds = int(env, 'WORKER_HEARTBEAT_SECONDS', 60, 1, 3600);
  c.loginRateLimit = int(env, 'LOGIN_RATE_LIMIT', 10, 1, 10_000);
  c.allocationThreads = int(env, 'ALLOCATION_THREADS', 0, 0, 64);
  c.allocationTimeBudgetMs = int(env, 'ALLOCATION_TIME_BUDGET_MS', 30_000, 100, 600_000);
  const order = (env.PROVIDER_KIND_ORDER?.trim() || 'PUBLIC,PRIVATE,FOREIGN').split(',').map((x) => x.trim());
  if (order.length !== 3 || !['PUBLIC', 'PRIVATE', 'FOREIGN'].every((k) => order.includes(k))) {
    throw new ConfigError(
      'PROVIDER_KIND_ORDER',
      `must list PUBLIC, PRIVATE and FOREIGN once each, comma-separated (got "${env.PROVIDER_KIND_ORDER}")`,
    );
  }
  c.providerKindOrder = order as AppConfig['providerKindOrder'];
  c.graphqlSchemaFile = env.GRAPHQL_SCHEMA_FILE ?? 'schema.gql';
  c.chromiumPath = env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
  return c;
}
