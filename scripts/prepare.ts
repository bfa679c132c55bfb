import { runMigrations, setDemoUsersActive } from '@app/core';
import { todayInCopenhagen } from '@app/deadline';
import { openDataSource } from './db';
import { DemoQueue, seedDemoPresent } from './demo-present';
import { demoUsers, seedDemo, DEMO_PASSWORD } from './demo-seed';

/**
 * Migrations always; demo users, providers and agreements only in demo mode, and with `activity` the demo's year:
 * its history in bulk, then its present through the services, whose outbox jobs go to `queue` (required then).
 * Returns the logins.
 */
export async function prepareDatabase(
  databaseUrl: string,
  demo: boolean,
  activity: false | DemoQueue = false,
): Promise<{ migrations: string[]; logins: string[]; demoUsersDisabled: number }> {
  const migrations = await runMigrations(databaseUrl);
  const ds = await openDataSource(databaseUrl);
  try {
    // Demo logins of an earlier demo-mode start on this database are switched off (and back on in demo mode).
    if (!demo) return { migrations, logins: [], demoUsersDisabled: await setDemoUsersActive(ds, false) };
    const today = todayInCopenhagen(new Date());
    const { present } = await seedDemo(ds, activity ? { activity: { today } } : {});
    await setDemoUsersActive(ds, true);
    if (activity && present) await seedDemoPresent(databaseUrl, activity, present, today);
    return {
      migrations,
      logins: (await demoUsers(ds)).map((u) => `${u.email} / ${DEMO_PASSWORD}  (${u.role})`),
      demoUsersDisabled: 0,
    };
  } finally {
    await ds.destroy();
  }
}
