import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { bootApp, TestApp, waitFor } from './support/harness';

const ROOT = join(__dirname, '..');

/** Starts a compiled app (api or worker) as its own process, as `npm start` and docker-compose do. */
function start(app: 'api' | 'worker', env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  let out = '';
  const proc = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, `dist/apps/${app}/src/main.js`)],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return { proc, output: () => out };
}
const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', (code) => r(code))));

describe('graceful shutdown on SIGTERM (compiled apps, separate processes)', () => {
  let app: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    app = await bootApp({ worker: false });
    env = {
      DATABASE_URL: process.env.CX_TEST_DATABASE_URL!,
      REDIS_URL: process.env.CX_TEST_REDIS_URL!,
      QUEUE_PREFIX: process.env.CX_TEST_QUEUE_PREFIX!,
      JWT_SECRET: 'test-secret-test-secret-test-secret-123',
      LOG_LEVEL: 'info',
      SCHEDULERS: 'false',
      GRAPHQL_SCHEMA_FILE: '',
    };
  }, 120000);
  afterAll(async () => {
    await app.close();
  });

  it('the worker finishes the job it is running, then exits 0', async () => {
    const worker = start('worker', env);
    try {
      await waitFor(async () => worker.output().includes('Worker started'), 30000);
      const job = await app.ok<any>(
        `mutation { compileCapacityReport(input: {year: 2031}) { id } }`,
        {},
        'secretariat@demo.dk',
      );
      const id = job.compileCapacityReport.id;
      const status = async () => (await app.db.query(`SELECT status FROM report WHERE id = $1`, [id]))[0].status;
      await waitFor(async () => (await status()) === 'RUNNING', 30000, 5);
      worker.proc.kill('SIGTERM');
      expect(await exited(worker.proc)).toBe(0);
      expect(await status()).toBe('DONE');
      expect(worker.output()).toMatch(/worker: SIGTERM received, draining[\s\S]*worker: stopped cleanly/);
    } finally {
      if (worker.proc.exitCode === null) worker.proc.kill('SIGKILL');
    }
  });

  it('the api stops accepting connections and exits 0', async () => {
    const api = start('api', { ...env, PORT: '0' });
    try {
      await waitFor(async () => /API listening on (\S+);/.test(api.output()), 30000);
      const url = /API listening on (\S+);/.exec(api.output())![1].replace('[::1]', '127.0.0.1');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      api.proc.kill('SIGTERM');
      expect(await exited(api.proc)).toBe(0);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      if (api.proc.exitCode === null) api.proc.kill('SIGKILL');
    }
  });
});
