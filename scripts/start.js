// `npm start`: PostgreSQL (DATABASE_URL or embedded) + Redis (REDIS_URL or redis-server on PATH), migrations,
// demo data (DEMO_MODE, default on here), then the api and the worker as child processes.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const services = require('./services.js');
const { startMode, describeMode } = require('./start-mode.js');
const { supervise } = require('./supervise.js');
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
  let worker = null;
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all([
      worker?.stop(),
      ...procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)),
    ]);
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let acquired;
  try {
    acquired = await services.acquireServices({ pgDataDir: path.join(dataDir, 'pg'), persistent: true, say });
  } catch (err) {
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  stops.push(acquired.stop);
  const redisUrl = acquired.redisUrl;
  const databaseUrl = acquired.embedded
    ? await services.createDatabase(acquired.serverUrl, 'capacity')
    : acquired.serverUrl;

  const mode = startMode(process.env);
  const demo = mode.demo;
  say(describeMode(mode));
  const { prepareDatabase } = require(path.join(root, 'dist/scripts/prepare.js'));
  // In demo mode the demo's present is made through the services, whose jobs go to this Redis (the worker runs them).
  const { migrations, logins, demoUsersDisabled } = await prepareDatabase(databaseUrl, demo, demo && { redisUrl });
  say(migrations.length ? `migrations run: ${migrations.join(', ')}` : 'database schema up to date');
  if (demoUsersDisabled) say(`${demoUsersDisabled} demo logins from an earlier demo-mode start disabled`);

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: jwtSecret(),
    DEMO_MODE: String(demo),
    PORT: port,
  };
  const spawnApp = (app) => {
    const p = spawn(
      process.execPath,
      ['-r', path.join(root, 'scripts/paths.js'), path.join(root, `dist/apps/${app}/src/main.js`)],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: root,
      },
    );
    pipeChild(app, p);
    return p;
  };
  const api = spawnApp('api');
  api.on('exit', (code) => {
    if (!stopping) {
      say(`api exited with code ${code}`, 50);
      void shutdown(code || 1);
    }
  });
  procs.push(api);
  // A crashed worker only delays jobs (the outbox keeps them): restart it with backoff, the api keeps serving.
  worker = supervise({ name: 'worker', start: () => spawnApp('worker') });

  const base = `http://localhost:${port}`;
  if (await waitForHealth(`${base}/health`, 60000)) {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n  Capacity Exchange is up after ${secs} s`);
    console.log(`  Mode:            ${describeMode(mode)}`);
    console.log(`  Web app:         ${base}/   (log in with a demo login below)`);
    console.log(`  GraphiQL:        ${base}/graphql`);
    console.log(`  Health:          ${base}/health`);
    if (logins.length)
      console.log(`  Demo logins (web app or mutation login(input: {email, password})):\n    ${logins.join('\n    ')}`);
    console.log('  Ctrl-C stops api, worker and the services started here.\n');
  } else {
    say('the api did not become healthy within 60 s', 50);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
