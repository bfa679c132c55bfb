import { runMigrations } from '@app/core';
import { openDataSource } from './db';
import { demoUsers, seedDemo, DEMO_PASSWORD } from './demo-seed';

/** Migrations always; demo users, providers and agreements (and demo activity) only in demo mode. Returns the logins. */
export async function prepareDatabase(databaseUrl: string, demo: boolean, activity = demo): Promise<{ migrations: string[]; logins: string[] }> {
  const migrations = await runMigrations(databaseUrl);
  if (!demo) return { migrations, logins: [] };
  const ds = await openDataSource(databaseUrl);
  try {
    await seedDemo(ds, { activity });
    return { migrations, logins: (await demoUsers(ds)).map((u) => `${u.email} / ${DEMO_PASSWORD}  (${u.role})`) };
  } finally {
    await ds.destroy();
  }
}
