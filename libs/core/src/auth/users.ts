import { DataSource, EntityManager } from 'typeorm';
import { CancerArea, Role } from '../domain/enums';
import { badInput } from '../errors/domain-error';
import { assertAcceptablePassword, hashPassword } from './password';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  regionCode?: number | null;
  cancerAreas?: CancerArea[];
}

/** Validates and inserts a user (CLI and admin paths share it); the caller owns the transaction and audit row. */
export async function createUser(m: EntityManager, input: NewUser): Promise<UserEntity> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw badInput('email', `"${input.email}" is not an e-mail address`);
  assertAcceptablePassword(input.password, email);
  if (!Object.values(Role).includes(input.role)) throw badInput('role', `Unknown role ${input.role}`);
  if (input.role === Role.PLANNER && !input.regionCode) throw badInput('regionCode', 'A planner needs a region');
  const areas = input.cancerAreas ?? [];
  if (areas.some((a) => !Object.values(CancerArea).includes(a))) throw badInput('cancerAreas', 'Unknown cancer area');
  if (input.role === Role.COLLABORATION && !areas.length)
    throw badInput('cancerAreas', 'A collaboration member needs a cancer area');
  if (await m.findOne(UserEntity, { where: { email } }))
    throw badInput('email', `A user with e-mail ${email} already exists`);
  return m.save(
    UserEntity,
    m.create(UserEntity, {
      email,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      role: input.role,
      regionCode: input.role === Role.PLANNER ? (input.regionCode ?? null) : null,
      cancerAreas: input.role === Role.COLLABORATION ? areas : [],
      active: true,
    }),
  );
}

/**
 * Demo logins follow the mode the system starts in: enabled in demo mode, disabled (active = false) otherwise.
 * Returns how many changed. Login refuses demo users outside demo mode in any case; this also shows in user:list.
 */
export async function setDemoUsersActive(db: DataSource | EntityManager, active: boolean): Promise<number> {
  const res = await db.query(`UPDATE app_user SET active = $1 WHERE demo AND active <> $1`, [active]);
  return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
}
