import { DomainError } from '../errors/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  KeyKind,
  MAX_PAGE_SIZE,
  pageOf,
  toConnection,
} from './pagination';

/** The typed error a call throws: code and field. */
function errorOf(fn: () => unknown): { code: string; field?: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { code: (e as DomainError).code, field: (e as DomainError).field };
  }
  throw new Error('expected an error');
}

const UUID = '0b0e5a4e-1c8f-4a4e-9a4e-2f6b1c8f4a4e';

describe('pageOf: the one check of first/after', () => {
  it('defaults to 50 and accepts 1 to 200', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(MAX_PAGE_SIZE).toBe(200);
    expect(pageOf()).toEqual({ first: 50, after: null });
    expect(pageOf(null, null)).toEqual({ first: 50, after: null });
    expect(pageOf(1, 'c')).toEqual({ first: 1, after: 'c' });
    expect(pageOf(200)).toEqual({ first: 200, after: null });
  });

  it.each([0, -1, 201, 500, 1.5])('refuses first: %p with BAD_USER_INPUT on first', (first) => {
    expect(errorOf(() => pageOf(first))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('cursors', () => {
  const cases: [KeyKind[], (string | number)[]][] = [
    [
      ['date', 'uuid'],
      ['2026-03-01', UUID],
    ],
    [
      ['instant', 'uuid'],
      ['2026-03-29T01:30:00.123456Z', UUID],
    ],
    [
      ['int', 'int', 'instant', 'uuid'],
      [2026, 5, '2026-01-01T00:00:00.000000Z', UUID],
    ],
    [['bigint'], ['9007199254740993']],
  ];

  it.each(cases)('round-trip %p', (kinds, values) => {
    expect(decodeCursor(encodeCursor(values), kinds)).toEqual(values);
  });

  const bad: [string, string, KeyKind[]][] = [
    ['not base64 JSON', 'garbage!', ['uuid']],
    ['JSON but not a list', encodeCursor([]).replace('W10', 'e30'), ['uuid']],
    ['wrong arity', encodeCursor(['2026-03-01']), ['date', 'uuid']],
    ['not a uuid', encodeCursor(['2026-03-01', 'x']), ['date', 'uuid']],
    ['no such date', encodeCursor(['2026-02-30', UUID]), ['date', 'uuid']],
    ['no such hour', encodeCursor(['2026-03-01T25:00:00.000000Z', UUID]), ['instant', 'uuid']],
    ['instant without microseconds', encodeCursor(['2026-03-01T10:00:00Z', UUID]), ['instant', 'uuid']],
    ['fractional int', encodeCursor([2026.5]), ['int']],
    ['int out of range', encodeCursor([2 ** 31]), ['int']],
    ['negative bigint', encodeCursor(['-1']), ['bigint']],
    ['number for a bigint', encodeCursor([1]), ['bigint']],
    ['SQL in a date', encodeCursor(["2026-01-01'; --", UUID]), ['date', 'uuid']],
  ];

  it.each(bad)('refuses a cursor that is %s with BAD_USER_INPUT on after', (_, cursor, kinds) => {
    expect(errorOf(() => decodeCursor(cursor, kinds))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('toConnection', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const cursorOf = (r: { id: string }) => [r.id];

  it('keeps first rows; the extra row means another page; the cursor names the last row kept', () => {
    const c = toConnection(rows, 2, cursorOf, () => Promise.resolve(3));
    expect(c.nodes).toEqual(rows.slice(0, 2));
    expect(c.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    const last = toConnection(rows, 3, cursorOf, () => Promise.resolve(3));
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(['c']) });
    const empty = toConnection([], 3, cursorOf, () => Promise.resolve(0));
    expect(empty.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('counts only when totalCount is asked for, and once however often', async () => {
    const count = jest.fn(() => Promise.resolve(42));
    const c = toConnection(rows, 2, cursorOf, count);
    expect(count).not.toHaveBeenCalled();
    expect(await c.totalCount()).toBe(42);
    expect(await c.totalCount()).toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });
});
