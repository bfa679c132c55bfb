// `npm start`: PostgreSQL (DATABASE_URL or embedded) + Redis (REDIS_URL or redis-server on PATH), migrations,
// demo data (DEMO_MODE, default on here), then the api and the worker as child processes.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const services = require('./services.js');
const { buildIfStale } = require('./build-if-stale.js');
const { checkPortFree, launcherLog, pipeChild } = require('./console-log.js');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');
const say = launcherLog('start');

function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function waitForHealth(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  const started = Date.now();
  const port = process.env.PORT || '3000';
  try {
    await checkPortFree(port);
    buildIfStale(say);
  } catch (err) {
    say(err.message, 50);
    process.exit(1);
  }
  const stops = [];
  const procs = [];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    say(`using DATABASE_URL (${new URL(databaseUrl).host})`);
  } else {
    say('DATABASE_URL not set: starting embedded PostgreSQL in .data/pg');
    const pg = await services.startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), persistent: true });
    stops.push(pg.stop);
    databaseUrl = await services.createDatabase(pg.url, 'capacity');
  }

  let redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    say(`using REDIS_URL (${new URL(redisUrl).host})`);
  } else {
    try {
      const redis = await services.startRedis();
      stops.push(redis.stop);
      redisUrl = redis.url;
      say(`REDIS_URL not set: started redis-server on ${redisUrl}`);
    } catch (err) {
      console.error(`\n${err.message}\n`);
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      process.exit(1);
    }
  }

  const demo = !['0', 'false', 'no', 'off'].includes(String(process.env.DEMO_MODE ?? 'true').toLowerCase());
  const { prepareDatabase } = require(path.join(root, 'dist/scripts/prepare.js'));
  const { migrations, logins } = await prepareDatabase(databaseUrl, demo);
  say(migrations.length ? `migrations run: ${migrations.join(', ')}` : 'database schema up to date');

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: jwtSecret(),
    DEMO_MODE: String(demo),
    PORT: port,
  };
  for (const app of ['api', 'worker']) {
    const p = spawn(process.execPath, ['-r', path.join(root, 'scripts/paths.js'), path.join(root, `dist/apps/${app}/src/main.js`)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: root,
    });
    pipeChild(app, p);
    p.on('exit', (code) => {
      if (!stopping) {
        say(`${app} exited with code ${code}`, 50);
        void shutdown(code || 1);
      }
    });
    procs.push(p);
  }

  const base = `http://localhost:${port}`;
  if (await waitForHealth(`${base}/health`, 60000)) {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n  Capacity Exchange is up after ${secs} s`);
    console.log(`  Web app:         ${base}/   (log in with a demo login below)`);
    console.log(`  GraphiQL:        ${base}/graphql`);
    console.log(`  Health:          ${base}/health`);
    if (logins.length) console.log(`  Demo logins (web app or mutation login(input: {email, password})):\n    ${logins.join('\n    ')}`);
    console.log('  Ctrl-C stops api, worker and the services started here.\n');
  } else {
    say('the api did not become healthy within 60 s', 50);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
