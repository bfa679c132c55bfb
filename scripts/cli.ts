import { AuditService, CancerArea, createUser, Role, SYSTEM_ACTOR, UserEntity } from '@app/core';
import { openDataSource } from './db';

const USAGE = `Usage:
  npm run cli -- user:create --email EMAIL --password PASSWORD --role SECRETARIAT|PLANNER|COLLABORATION|OBSERVER
                 [--name "Display name"] [--region 1084] [--areas BREAST,LUNG]
  npm run cli -- user:list
Uses DATABASE_URL.`;

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1] ?? '';
  }
  return out;
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (!url || !cmd) throw new Error(!url ? 'Set DATABASE_URL' : USAGE);
  const ds = await openDataSource(url);
  try {
    if (cmd === 'user:list') {
      const users = await ds.getRepository(UserEntity).find({ order: { email: 'ASC' } });
      for (const u of users) console.log(`${u.email}\t${u.role}\t${u.regionCode ?? ''}\t${u.cancerAreas.join(',')}`);
      return;
    }
    if (cmd !== 'user:create') throw new Error(USAGE);
    const a = args(rest);
    const user = await ds.transaction(async (m) => {
      const u = await createUser(m, {
        email: a.email ?? '',
        password: a.password ?? '',
        displayName: a.name ?? a.email ?? '',
        role: a.role as Role,
        regionCode: a.region ? Number(a.region) : null,
        cancerAreas: (a.areas ?? '').split(',').filter(Boolean) as CancerArea[],
      });
      await new AuditService(ds).record(m, SYSTEM_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        after: { email: u.email, role: u.role },
      });
      return u;
    });
    console.log(`Created ${user.email} (${user.role}) with id ${user.id}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
