import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/core';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  try {
    await createWorker(loadConfig());
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
