import { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: close the app (HTTP server stops accepting, BullMQ workers finish their active jobs, pools close),
 * then exit 0. A second signal exits at once.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, name: string): void {
  let closing = false;
  const log = (msg: string) => console.log(JSON.stringify({ level: 30, time: Date.now(), msg: `${name}: ${msg}` }));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      log(`${signal} received, draining`);
      app.close().then(
        () => {
          log('stopped cleanly');
          process.exit(0);
        },
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
