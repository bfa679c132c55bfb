import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './limits';

const schema = buildSchema(`type Query { a: A, n: Int } type A { a: A, n: Int }`);
const errorsOf = (doc: string, limits = { maxDepth: 10, maxFields: 2000 }) =>
  validate(schema, parse(doc), [queryLimitsRule(limits)]).map((e) => e.message);

describe('queryLimitsRule', () => {
  it('counts __typename like any other field', () => {
    const many = Array.from({ length: 6 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(errorsOf(`{ ${many} }`, { maxDepth: 10, maxFields: 5 })).toEqual([
      'Query selects more than 5 fields; ask for less or page',
    ]);
    expect(errorsOf(`{ ${many} }`, { maxDepth: 10, maxFields: 6 })).toEqual([]);
  });

  it('measures a doubling fragment chain in linear time', () => {
    for (const n of [20, 60, 500]) {
      const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(
        ' ',
      );
      const started = performance.now();
      const errors = errorsOf(`{ ...F0 } ${frags} fragment F${n} on Query { __typename }`);
      expect(performance.now() - started).toBeLessThan(500);
      expect(errors).toEqual(['Query selects more than 2000 fields; ask for less or page']);
    }
  });

  it('counts a fragment spread the exact number of times it expands', () => {
    // F1 = 3 fields (n, a, a.n), spread twice by F0 → 6, plus the outer field `a` = 7.
    const doc = `{ a { ...F0 } } fragment F0 on A { ...F1 ...F1 } fragment F1 on A { n a { n } }`;
    expect(errorsOf(doc, { maxDepth: 10, maxFields: 6 })).toEqual([
      'Query selects more than 6 fields; ask for less or page',
    ]);
    expect(errorsOf(doc, { maxDepth: 10, maxFields: 7 })).toEqual([]);
  });

  it('measures depth through fragments', () => {
    const doc = `{ a { ...D } } fragment D on A { a { a { n } } }`;
    expect(errorsOf(doc, { maxDepth: 3, maxFields: 100 })).toEqual(['Query is nested 4 levels deep; the limit is 3']);
    expect(errorsOf(doc, { maxDepth: 4, maxFields: 100 })).toEqual([]);
  });

  it('survives cyclic fragments (reported by graphql itself)', () => {
    expect(() =>
      errorsOf(`{ a { ...X } } fragment X on A { a { ...Y } } fragment Y on A { a { ...X } }`),
    ).not.toThrow();
  });
});
