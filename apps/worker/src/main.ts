import 'reflect-metadata';
import { ConfigError, exitGracefullyOnSignals, loadConfig } from '@app/core';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  try {
    exitGracefullyOnSignals(await createWorker(loadConfig()), 'worker');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  console.log(JSON.stringify({ level: 30, msg: 'Worker started' }));
}

void main();
