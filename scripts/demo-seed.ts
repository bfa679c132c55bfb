import { CancerArea, hashPassword, Role, UserEntity } from '@app/core';
import { Region, seedDemoProviders } from '@app/reference';
import { DataSource } from 'typeorm';
import { DemoPresent, seedDemoActivity } from './demo-activity';

export const DEMO_PASSWORD = 'demo';

const AREA_SLUG: Record<string, CancerArea> = {
  breast: CancerArea.BREAST,
  lung: CancerArea.LUNG,
  urinary: CancerArea.URINARY,
  gynaecological: CancerArea.GYNAECOLOGICAL,
  'upper-gi': CancerArea.UPPER_GI,
  'lower-gi': CancerArea.LOWER_GI,
};

export interface DemoUser {
  email: string;
  role: Role;
  regionCode?: number;
  cancerAreas?: CancerArea[];
  displayName: string;
}

/** Demo logins (domain.md §11): only ever created in demo mode and by the tests. */
export async function demoUsers(ds: DataSource): Promise<DemoUser[]> {
  const regions = await ds.getRepository(Region).find({ order: { code: 'ASC' } });
  return [
    { email: 'secretariat@demo.dk', role: Role.SECRETARIAT, displayName: 'Specialenheden (demo)' },
    ...regions.map((r) => ({
      email: `planner.${r.slug}@demo.dk`,
      role: Role.PLANNER,
      regionCode: r.code,
      displayName: `Planlægger, ${r.name}`,
    })),
    ...Object.entries(AREA_SLUG).map(([slug, area]) => ({
      email: `collab.${slug}@demo.dk`,
      role: Role.COLLABORATION,
      cancerAreas: [area],
      displayName: `Kræftsamarbejde ${slug}`,
    })),
    { email: 'observer@demo.dk', role: Role.OBSERVER, displayName: 'Task Force (demo)' },
  ];
}

/**
 * Idempotent: users and providers that already exist are left alone; `activity` (on `today`) adds the history in
 * bulk and returns the present still to be made through the services (demo-present.ts), or null once seeded.
 */
export async function seedDemo(
  ds: DataSource,
  opts: { activity?: { today: string } } = {},
): Promise<{ users: number; providers: number; agreements: number; present: DemoPresent | null }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const users = await demoUsers(ds);
  return ds.transaction(async (m) => {
    let created = 0;
    for (const u of users) {
      const res = await m
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({
          email: u.email,
          passwordHash: hash,
          displayName: u.displayName,
          role: u.role,
          regionCode: u.regionCode ?? null,
          cancerAreas: u.cancerAreas ?? [],
          demo: true,
        })
        .orIgnore()
        .execute();
      created += res.identifiers.filter(Boolean).length;
    }
    const p = await seedDemoProviders(m);
    const present = opts.activity ? (await seedDemoActivity(m, opts.activity.today)).present : null;
    return { users: created, ...p, present };
  });
}
