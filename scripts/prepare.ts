import { runMigrations, setDemoUsersActive } from '@app/core';
import { openDataSource } from './db';
import { demoUsers, seedDemo, DEMO_PASSWORD } from './demo-seed';

/** Migrations always; demo users, providers and agreements (and demo activity) only in demo mode. Returns the logins. */
export async function prepareDatabase(
  databaseUrl: string,
  demo: boolean,
  activity = demo,
): Promise<{ migrations: string[]; logins: string[]; demoUsersDisabled: number }> {
  const migrations = await runMigrations(databaseUrl);
  const ds = await openDataSource(databaseUrl);
  try {
    // Demo logins of an earlier demo-mode start on this database are switched off (and back on in demo mode).
    if (!demo) return { migrations, logins: [], demoUsersDisabled: await setDemoUsersActive(ds, false) };
    await seedDemo(ds, { activity });
    await setDemoUsersActive(ds, true);
    return {
      migrations,
      logins: (await demoUsers(ds)).map((u) => `${u.email} / ${DEMO_PASSWORD}  (${u.role})`),
      demoUsersDisabled: 0,
    };
  } finally {
    await ds.destroy();
  }
}
