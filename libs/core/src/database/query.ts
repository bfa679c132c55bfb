import { DataSource, EntityManager, EntityTarget, QueryRunner } from 'typeorm';

/** Anything that runs raw SQL: the DataSource, a transaction's EntityManager or a QueryRunner. */
export type SqlRunner = Pick<DataSource | EntityManager | QueryRunner, 'query'>;

/**
 * A SELECT (or INSERT/WITH … RETURNING) with the row type stated once, so raw rows are never `any`:
 * `const rows = await query<{ id: string; n: number }>(m, 'SELECT …', [x])`. Column names are SQL's (snake_case or
 * aliased); numeric and bigint arrive as data-source.ts configures them. For UPDATE/DELETE … RETURNING use `returning`.
 */
export async function query<T extends object>(
  db: SqlRunner,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const rows: unknown = await db.query(sql, [...params]);
  if (!Array.isArray(rows)) throw new Error('query<T>() expects a statement that returns rows');
  return rows as T[];
}

/** The one row a statement must return (an aggregate, INSERT … RETURNING of one row). */
export async function queryOne<T extends object>(
  db: SqlRunner,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T> {
  const rows = await query<T>(db, sql, params);
  if (rows.length !== 1) throw new Error(`expected exactly one row, got ${rows.length}`);
  return rows[0];
}

/**
 * The entity of a row read as JSON (`to_jsonb(t)` in SQL, keys are column names), each column converted as TypeORM
 * converts it when it loads the row itself (dates stay 'YYYY-MM-DD', timestamps become Dates), so a statement that
 * reads several owners' rows in one round trip gets the same entities as each owner's own load.
 */
export function entityFromJson<T extends object>(
  ds: DataSource,
  target: EntityTarget<T>,
  json: Record<string, unknown>,
): T {
  const meta = ds.getMetadata(target);
  const entity = meta.create() as T;
  for (const c of meta.columns) c.setEntityValue(entity, ds.driver.prepareHydratedValue(json[c.databaseName], c));
  return entity;
}
