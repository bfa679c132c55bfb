import fc from 'fast-check';
import { compareWords, lexLayout, packInto, unpack } from './lex';

const lexCompare = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return Math.sign(a[i] - b[i]);
  return 0;
};

const pack = (layout: ReturnType<typeof lexLayout>, raw: number[]): Float64Array => {
  const out = new Float64Array(layout.words);
  packInto(layout, raw, out, 0);
  return out;
};

/** Bounds of up to 6 components, from tiny to ones that need a word of their own. */
const boundsArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 2 ** 50 })),
  {
    minLength: 1,
    maxLength: 6,
  },
);
const tupleIn = (bounds: number[]) => fc.tuple(...bounds.map((b) => fc.integer({ min: -b, max: b })));

describe('lex packing', () => {
  it('groups components into as few safe words as the bounds allow', () => {
    expect(lexLayout([1, 1, 1]).words).toBe(1);
    expect(lexLayout([2 ** 30, 2 ** 30]).words).toBe(2);
    expect(lexLayout([]).words).toBe(0);
    expect(() => lexLayout([2 ** 53])).toThrow(RangeError);
    expect(() => lexLayout([1.5])).toThrow(RangeError);
  });

  it('preserves lexicographic order and round-trips', () => {
    fc.assert(
      fc.property(
        boundsArb.chain((bounds) => fc.tuple(fc.constant(bounds), tupleIn(bounds), tupleIn(bounds))),
        ([bounds, a, b]) => {
          const layout = lexLayout(bounds);
          const pa = pack(layout, a);
          const pb = pack(layout, b);
          expect(Math.sign(compareWords(pa, 0, pb, 0, layout.words))).toBe(lexCompare(a, b));
          expect(unpack(layout, pa)).toEqual(a.map((x) => x + 0)); // fast-check may generate -0
          for (const w of pa) expect(Number.isSafeInteger(w)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is linear: packed sums are the packing of summed tuples', () => {
    fc.assert(
      fc.property(
        boundsArb.chain((bounds) =>
          fc.tuple(
            fc.constant(bounds),
            tupleIn(bounds.map((b) => Math.floor(b / 2))),
            tupleIn(bounds.map((b) => Math.floor(b / 2))),
          ),
        ),
        ([bounds, a, b]) => {
          const layout = lexLayout(bounds);
          const pa = pack(layout, a);
          const pb = pack(layout, b);
          const sum = pack(
            layout,
            a.map((x, i) => x + b[i]),
          );
          expect(Array.from(pa, (x, w) => x + pb[w])).toEqual(Array.from(sum));
        },
      ),
      { numRuns: 300 },
    );
  });
});
