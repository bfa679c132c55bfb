import 'reflect-metadata';
import { AppConfig, ConfigError, exitGracefullyOnSignals, loadConfig } from '@app/core';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApi(config);
  exitGracefullyOnSignals(app, 'api');
  await app.listen(config.port, '0.0.0.0');
  const url = await app.getUrl();
  console.log(
    JSON.stringify({
      level: 30,
      msg: `API listening on ${url}; GraphQL at ${url.replace('[::1]', 'localhost')}/graphql`,
    }),
  );
}

void main();
