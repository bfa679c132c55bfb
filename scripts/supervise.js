// Keeps a child process running for `npm start`: restarts it with exponential backoff when it exits unexpectedly.
'use strict';

/**
 * `start()` spawns the child. When it exits while not stopping, it is started again after `initialMs`, doubling up
 * to `maxMs`; a run that lasted `resetAfterMs` counts as healthy and resets the delay.
 * Returns `{ current(), stop() }`: stop() ends the supervision, SIGTERMs the child and resolves when it has exited.
 */
function supervise({ name, start, initialMs = 1000, maxMs = 30000, resetAfterMs = 60000, log = console.error }) {
  let stopping = false;
  let delay = initialMs;
  let child = null;
  let timer = null;
  let restarts = 0;

  const run = () => {
    timer = null;
    if (stopping) return;
    const startedAt = Date.now();
    child = start();
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= resetAfterMs) delay = initialMs;
      restarts++;
      log(
        `[start] ${name} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`,
      );
      timer = setTimeout(run, delay);
      delay = Math.min(maxMs, delay * 2);
    });
  };
  run();

  return {
    current: () => child,
    restarts: () => restarts,
    stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

module.exports = { supervise };
