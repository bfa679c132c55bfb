// Once per browser-test run: a unique test database (test/setup/global-setup.js, as the jest e2e tests), migrations and
// demo data, then the built api and worker (dist/, apps/web/dist) on a free port. Returns the teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromiumPath } from './chromium';

const root = resolve(__dirname, '../../..');
const require_ = createRequire(join(root, 'package.json'));

async function waitForHealth(url: string, ms: number, procs: ChildProcess[]): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const p of procs)
      if (p.exitCode !== null) throw new Error(`a server process exited with code ${p.exitCode} during start-up`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${ms} ms`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  chromiumPath();
  for (const f of ['dist/apps/api/src/main.js', 'dist/scripts/prepare.js', 'apps/web/dist/index.html']) {
    if (!existsSync(join(root, f)))
      throw new Error(`${f} is missing: run the browser tests with \`npm run test:web\` (it builds first)`);
  }
  require_('./scripts/paths.js');
  const dbSetup = require_('./test/setup/global-setup.js') as () => Promise<void>;
  const dbTeardown = require_('./test/setup/global-teardown.js') as () => Promise<void>;
  const services = require_('./scripts/services.js') as { freePort: () => Promise<number> };
  await dbSetup();
  const procs: ChildProcess[] = [];
  const teardown = async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
    await dbTeardown();
  };
  try {
    const databaseUrl = process.env.CX_TEST_DATABASE_URL!;
    const { prepareDatabase } = require_('./dist/scripts/prepare.js') as {
      prepareDatabase: (
        url: string,
        demo: boolean,
        activity: { redisUrl: string; prefix?: string },
      ) => Promise<unknown>;
    };
    await prepareDatabase(databaseUrl, true, {
      redisUrl: process.env.CX_TEST_REDIS_URL!,
      prefix: process.env.CX_TEST_QUEUE_PREFIX,
    });
    const port = await services.freePort();
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.CX_TEST_REDIS_URL,
      QUEUE_PREFIX: process.env.CX_TEST_QUEUE_PREFIX,
      JWT_SECRET: 'browser-test-secret-browser-test-secret',
      DEMO_MODE: 'true',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: process.env.LOGIN_RATE_LIMIT ?? '200',
    };
    for (const app of ['api', 'worker']) {
      const p = spawn(
        process.execPath,
        ['-r', join(root, 'scripts/paths.js'), join(root, `dist/apps/${app}/src/main.js`)],
        {
          env,
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      procs.push(p);
    }
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(`${url}/health`, 60_000, procs);
    process.env.CX_WEB_URL = url;
    process.env.CX_WEB_DATABASE_URL = databaseUrl;
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
