import fc from 'fast-check';
import { Candidate, drawSample } from './sampling';

const population = fc.uniqueArray(
  fc.record({ id: fc.uuid(), stratum: fc.constantFrom(1081, 1082, 1083, 1084, 1085, 1086) }),
  { selector: (c) => c.id, minLength: 0, maxLength: 120 },
);
const seed = fc.integer({ min: 0, max: 0xffffffff });
const perStratum = fc.integer({ min: 1, max: 12 });

describe('drawSample (sample audits)', () => {
  it('the same seed draws the same sample, whatever order the population arrives in', () => {
    fc.assert(
      fc.property(population, seed, perStratum, fc.integer(), (pop, s, n, shuffleKey) => {
        const shuffled = pop
          .map((c, i) => ({ c, k: Math.imul(i + 1, shuffleKey | 1) >>> 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.c);
        expect(drawSample(shuffled, s, n)).toEqual(drawSample(pop, s, n));
      }),
      { numRuns: 300 },
    );
  });

  it('every stratum of the population is represented, with min(perStratum, its size) distinct members of it', () => {
    fc.assert(
      fc.property(population, seed, perStratum, (pop, s, n) => {
        const { sample, strata } = drawSample(pop, s, n);
        const strataOfPop = new Set(pop.map((c) => c.stratum));
        expect(new Set(sample.map((d) => d.stratum))).toEqual(strataOfPop);
        expect(new Set(sample.map((d) => d.id)).size).toBe(sample.length);
        for (const st of strataOfPop) {
          const size = pop.filter((c) => c.stratum === st).length;
          const drawn = sample.filter((d) => d.stratum === st);
          expect(drawn).toHaveLength(Math.min(n, size));
          for (const d of drawn) expect(pop.find((c) => c.id === d.id)?.stratum).toBe(st);
          expect(strata.find((x) => x.stratum === st)).toEqual({
            stratum: st,
            population: size,
            sampled: Math.min(n, size),
          });
        }
        expect(sample.map((d) => d.drawOrder)).toEqual(sample.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('a different seed gives another sample (the draw is random, not the first ids)', () => {
    const pop: Candidate[] = Array.from({ length: 200 }, (_, i) => ({
      id: `p-${String(i).padStart(3, '0')}`,
      stratum: 1081 + (i % 5),
    }));
    const samples = new Set(
      Array.from({ length: 20 }, (_, s) =>
        drawSample(pop, s, 3)
          .sample.map((d) => d.id)
          .join(','),
      ),
    );
    expect(samples.size).toBe(20);
    const first = drawSample(pop, 1, 3).sample.map((d) => d.id);
    expect(first).not.toEqual([
      'p-000',
      'p-005',
      'p-010',
      'p-001',
      'p-006',
      'p-011',
      'p-002',
      'p-007',
      'p-012',
      'p-003',
      'p-008',
      'p-013',
      'p-004',
      'p-009',
      'p-014',
    ]);
  });

  it("adding pathways to one region leaves the other regions' samples unchanged", () => {
    const pop: Candidate[] = Array.from({ length: 60 }, (_, i) => ({
      id: `p-${String(i).padStart(3, '0')}`,
      stratum: 1081 + (i % 3),
    }));
    const more = [...pop, { id: 'z-new', stratum: 1081 }];
    const other = (p: Candidate[]) =>
      drawSample(p, 42, 4)
        .sample.filter((d) => d.stratum !== 1081)
        .map((d) => d.id);
    expect(other(more)).toEqual(other(pop));
  });

  it('rejects a seed or sample size outside the contract', () => {
    expect(() => drawSample([], -1, 3)).toThrow(RangeError);
    expect(() => drawSample([], 2 ** 32, 3)).toThrow(RangeError);
    expect(() => drawSample([], 1, 0)).toThrow(RangeError);
  });
});
