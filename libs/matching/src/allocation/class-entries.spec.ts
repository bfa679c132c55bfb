import fc from 'fast-check';
import { ClassEntryHeaps } from './class-entries';
import { compareWords } from './lex';

/*
 * The lazy entry heaps of level B's forward searches (class-entries.ts). What a search relies on: while the
 * potentials only decrease, the first top that refreshTop finds current is an entry of least true key
 * (cost - pi(chain node)) among those still in the heap, and restore puts every taken entry back exactly once.
 * Checked against a full scan after random decreases of pi, with one and two words per key.
 */

const K_CASES = [1, 2];

const scenario = fc.record({
  classes: fc.array(
    fc.array(fc.record({ node: fc.nat(7), cost: fc.array(fc.integer({ min: -20, max: 20 })) }), {
      minLength: 1,
      maxLength: 12,
    }),
    { minLength: 1, maxLength: 4 },
  ),
  rounds: fc.array(
    fc.record({
      drops: fc.array(fc.record({ node: fc.nat(7), by: fc.array(fc.nat(15)) }), { maxLength: 6 }),
      cls: fc.nat(3),
      takes: fc.nat(12),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

describe('ClassEntryHeaps', () => {
  it.each(K_CASES)('takes entries in order of their current keys and restores all of them (K = %i)', (K) => {
    fc.assert(
      fc.property(scenario, ({ classes, rounds }) => {
        const word = (xs: readonly number[], w: number) => xs[w] ?? 0;
        // One pathway node per class (node ids 1..), its entries as arcs in order.
        const rep = Int32Array.from(classes.map((_, g) => 1 + g));
        const freeStart = new Int32Array(classes.length + 1);
        const arcTo: number[] = [];
        const cost: number[] = [];
        classes.forEach((entries, g) => {
          for (const e of entries) {
            arcTo.push(e.node);
            for (let w = 0; w < K; w++) cost.push(word(e.cost, w));
          }
          freeStart[g + 1] = arcTo.length;
        });
        const freeArcs = Int32Array.from(arcTo, (_, a) => a);
        const arcCost = Float64Array.from(cost);
        const pi = new Float64Array(8 * K);
        const heaps = new ClassEntryHeaps(K, rep, freeStart, freeArcs, Int32Array.from(arcTo), arcCost, pi);
        const trueKey = (g: number, i: number): Float64Array => {
          const a = freeStart[g] + i;
          return Float64Array.from({ length: K }, (_, w) => arcCost[a * K + w] - pi[arcTo[a] * K + w]);
        };
        for (const round of rounds) {
          // Potentials only decrease (phase 1 of level B).
          for (const d of round.drops) for (let w = 0; w < K; w++) pi[d.node * K + w] -= word(d.by, w);
          const g = round.cls % classes.length;
          const left = new Set(classes[g].map((_, i) => i));
          for (let t = 0; t < round.takes && !heaps.isEmpty(g); t++) {
            while (heaps.refreshTop(g, pi));
            const ko = heaps.topKey(g);
            const i = heaps.take(g);
            const key = trueKey(g, i);
            // The stored key it was taken at is current, and no entry left has a smaller true key.
            expect(compareWords(heaps.key, ko, key, 0, K)).toBe(0);
            expect(left.has(i)).toBe(true);
            left.delete(i);
            for (const j of left) expect(compareWords(trueKey(g, j), 0, key, 0, K)).toBeGreaterThanOrEqual(0);
          }
          heaps.restore(g, pi);
          // Everything is back: taking all of them yields each entry once.
          const seen = new Set<number>();
          while (!heaps.isEmpty(g)) {
            while (heaps.refreshTop(g, pi));
            seen.add(heaps.take(g));
          }
          expect(seen.size).toBe(classes[g].length);
          heaps.restore(g, pi);
        }
      }),
      { numRuns: 300 },
    );
  });
});
