import { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives the returned rows. TypeORM's raw query() answers
 * UPDATE and DELETE with [rows, rowCount] but other commands with rows; this hides the difference.
 */
export async function returning<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const res = await m.query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number')
    return res[0] as T[];
  return res as T[];
}
