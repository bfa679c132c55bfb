import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { QueryCounter } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift Danish calendar dates by the server's time zone.
types.setTypeParser(1082, (v: string) => v);
// bigint counts from aggregates fit easily in a double here.
types.setTypeParser(20, (v: string) => (v.length < 16 ? Number(v) : v));

export function dataSourceOptions(
  databaseUrl: string,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new QueryCounter(),
    extra: { max: 20, application_name: 'capacity-exchange' },
  };
}

/** Runs pending migrations with a short-lived connection (launcher, tests, CLI). */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const done = await ds.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
