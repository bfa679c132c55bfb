import { ChildProcess, spawn } from 'node:child_process';

const { supervise } = require('./supervise.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('npm start supervision of the worker', () => {
  it('a crashing child is restarted with growing delays, while a sibling keeps running', async () => {
    const starts: number[] = [];
    const logs: string[] = [];
    // The "api": a sibling process that must not be touched by the worker's crashes.
    const api = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const s = supervise({
      name: 'worker',
      initialMs: 100,
      maxMs: 400,
      log: (m: string) => logs.push(m),
      start: () => {
        starts.push(Date.now());
        return spawn(process.execPath, ['-e', 'process.exit(3)']);
      },
    });
    try {
      const until = Date.now() + 30000;
      while (starts.length < 5 && Date.now() < until) await sleep(50);
      expect(starts.length).toBeGreaterThanOrEqual(5);
      // The delay doubles and is capped: 0.1, 0.2, 0.4, 0.4 s.
      const delays = logs.map((m) => /restarting in ([\d.]+) s/.exec(m)![1]);
      expect(delays.slice(0, 4)).toEqual(['0.1', '0.2', '0.4', '0.4']);
      expect(logs[0]).toMatch(/worker exited \(code 3\); restarting in 0\.1 s \(restart 1\)/);
      // Each restart waited at least its delay.
      expect(starts[3] - starts[2]).toBeGreaterThanOrEqual(400);
      expect(api.exitCode).toBeNull();
    } finally {
      await s.stop();
      api.kill();
    }
    const n = starts.length;
    await sleep(600);
    expect(starts.length).toBe(n);
  });

  it('stop() ends a running child and does not restart it', async () => {
    let child: ChildProcess | null = null;
    const s = supervise({
      name: 'worker',
      initialMs: 50,
      log: () => undefined,
      start: () => (child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'])),
    });
    await sleep(200);
    await s.stop();
    expect(child!.signalCode).toBe('SIGTERM');
    expect(s.restarts()).toBe(0);
  });
});
