import { Type } from '@nestjs/common';
import { Args, Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors/domain-error';

/**
 * The one paging convention of every GraphQL list that can grow (README, "API conventions"): `first` (default 50,
 * 1 to 200, else BAD_USER_INPUT on `first`) and `after` (the opaque `pageInfo.endCursor` of the previous page, else
 * BAD_USER_INPUT on `after`), answered by a `<Node>Connection { nodes pageInfo { endCursor hasNextPage } totalCount }`.
 * Resolvers take `@PageFirst() first, @PageAfter() after` and call `pageOf(first, after)`.
 * Pages are keyset pages over a total order that ends with the id, so walking them returns every row exactly once.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * The `first` argument of a paged list (a resolver parameter decorator). Named arguments rather than an @ArgsType
 * class, because an args class receives every argument of the field (filter, orderBy) and the whitelisting
 * ValidationPipe would refuse them.
 */
export const PageFirst = () =>
  Args('first', {
    type: () => Int,
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1 to ${MAX_PAGE_SIZE}`,
  });

/** The `after` argument of a paged list (a resolver parameter decorator). */
export const PageAfter = () =>
  Args('after', {
    type: () => String,
    nullable: true,
    description: 'pageInfo.endCursor of the previous page; none for the first page',
  });

/** A checked page request; only `pageOf` (GraphQL) and protocol adapters with their own limits (FHIR) make one. */
export interface Page {
  first: number;
  after: string | null;
}

/** Checks the GraphQL page arguments: one typed error for every list. */
export function pageOf(first?: number | null, after?: string | null): Page {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}; page on with after`);
  }
  return { first: size, after: after ?? null };
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on an empty page' })
  endCursor: string | null;
  @Field() hasNextPage: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /**
   * Rows matching the filter on all pages. A function, called by the field (see `countWhenSelected`) only when a
   * query selects `totalCount` (by name, alias or fragment): lists that do not ask pay no count query.
   */
  totalCount: () => Promise<number>;
}

/** Resolves `totalCount` by calling the connection's counting function: it runs only when the field is selected. */
const countWhenSelected: FieldMiddleware = async (_ctx, next) => {
  const count: unknown = await next();
  return typeof count === 'function' ? (count as () => Promise<number>)() : count;
};

/** A GraphQL connection type `<name>Connection { nodes, pageInfo, totalCount }` for T. */
export function ConnectionType<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Connection`)
  class ConnectionClass implements Connection<T> {
    @Field(() => [node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, {
      description: 'Rows matching the filter on all pages (counted only when selected)',
      middleware: [countWhenSelected],
    })
    totalCount: () => Promise<number>;
  }
  return ConnectionClass;
}

/** SQL type of a sort key, so a cursor is checked before it reaches the database. */
export type KeyKind = 'uuid' | 'date' | 'instant' | 'int' | 'bigint';

export interface KeyColumn {
  /** SQL expression of the sort key, never null (e.g. `p.deadline`, `COALESCE(r.quarter, 5)`). */
  sql: string;
  kind: KeyKind;
}

/** A total order: every key column in one direction, the last one unique (the id). */
export interface Keyset {
  columns: KeyColumn[];
  direction: 'ASC' | 'DESC';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** The calendar date a string starts with exists (not 2025-02-30). */
const realDate = (s: string) => {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
};

const KINDS: Record<KeyKind, { cast: string; text: (sql: string) => string; valid: (v: unknown) => boolean }> = {
  uuid: { cast: 'uuid', text: (s) => `(${s})::text`, valid: (v) => typeof v === 'string' && UUID.test(v) },
  date: {
    cast: 'date',
    text: (s) => `to_char(${s}, 'YYYY-MM-DD')`,
    valid: (v) => typeof v === 'string' && DATE.test(v) && realDate(v),
  },
  // Microseconds in UTC: a JavaScript Date would round them away and make the page boundary skip or repeat rows.
  instant: {
    cast: 'timestamptz',
    text: (s) => `to_char((${s}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    valid: (v) => typeof v === 'string' && INSTANT.test(v) && realDate(v) && !Number.isNaN(Date.parse(v)),
  },
  int: {
    cast: 'integer',
    text: (s) => `(${s})::integer`,
    valid: (v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31,
  },
  bigint: { cast: 'bigint', text: (s) => `(${s})::text`, valid: (v) => typeof v === 'string' && /^\d{1,18}$/.test(v) },
};

const badCursor = () => badInput('after', 'Invalid cursor; pass pageInfo.endCursor of the previous page as after');

/** Opaque keyset cursor: the sort key values of the last row, base64url JSON. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The key values of a cursor, checked against the kinds of the keyset's columns (else BAD_USER_INPUT on after). */
export function decodeCursor(cursor: string, kinds: KeyKind[]): (string | number)[] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(v) || v.length !== kinds.length || !v.every((x, i) => KINDS[kinds[i]].valid(x))) throw badCursor();
  return v as (string | number)[];
}

/** A connection from first+1 fetched rows (the extra row says whether another page exists). */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => (string | number)[],
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  let counted: Promise<number> | undefined;
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(cursorOf(last)) : null },
    totalCount: () => (counted ??= count()),
  };
}

/**
 * One keyset page of a filtered query: orders by the keyset, continues after the cursor and counts the filtered rows
 * lazily. `qb` holds the filters and scope only (no order, limit or cursor). The entity's primary column is `id`.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  keyset: Keyset,
  page: Page,
): Promise<Connection<T>> {
  const counter = qb.clone();
  const { columns, direction } = keyset;
  if (page.after) {
    const values = decodeCursor(
      page.after,
      columns.map((c) => c.kind),
    );
    const params = Object.fromEntries(values.map((v, i) => [`page_after_${i}`, v]));
    const left = columns.map((c) => c.sql).join(', ');
    const right = columns.map((c, i) => `CAST(:page_after_${i} AS ${KINDS[c.kind].cast})`).join(', ');
    qb.andWhere(`(${left}) ${direction === 'ASC' ? '>' : '<'} (${right})`, params);
  }
  columns.forEach((c, i) => {
    qb.addSelect(KINDS[c.kind].text(c.sql), `page_key_${i}`);
    qb.addOrderBy(c.sql, direction);
  });
  const { entities, raw } = await qb.limit(page.first + 1).getRawAndEntities<Record<string, string | number>>();
  const idColumn = `${qb.alias}_id`;
  const keysOf = new Map(raw.map((r) => [String(r[idColumn]), columns.map((_, i) => r[`page_key_${i}`])]));
  return toConnection(
    entities,
    page.first,
    (row) => keysOf.get(String(row.id))!,
    () => counter.getCount(),
  );
}
