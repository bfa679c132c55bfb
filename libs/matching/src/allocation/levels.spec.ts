import fc from 'fast-check';
import { decompose } from './decompose';
import { FORCED, FREE, REMOVED, RestrictedFlow } from './level-b';
import { restrictByLevelA } from './levels';
import { buildNetwork, SolverChain, SolverPathway } from './network';
import { solveAllocation } from './solver';

/*
 * The level-by-level method (levels.ts) against the direct method (solver.ts, one lexicographic search per
 * pathway), on instances built so that level A aggregates a lot: few deadlines, few allowed sets, providers that
 * share their users, several slots per date.
 */

/**
 * Chains and pathways of a solver instance; distances from a few points, so equal rows are common. `overdue`: few
 * points and allowed sets, deadlines mostly before the first dates, so many pathways are interchangeable in level B
 * as well (level-b.ts expands one pathway per such class in a search).
 */
const instanceOf = (overdue: boolean) =>
  fc
    .record({
      chains: fc.array(
        fc.array(fc.record({ day: fc.nat(25), capacity: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        { minLength: 1, maxLength: 5 },
      ),
      kinds: fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 5, maxLength: 5 }),
      pathways: fc.array(
        fc.record({
          deadline: overdue ? fc.integer({ min: -5, max: 3 }) : fc.integer({ min: -5, max: 30 }),
          point: fc.nat(overdue ? 1 : 2),
          set: fc.nat(overdue ? 1 : 2),
        }),
        { maxLength: overdue ? 40 : 30 },
      ),
      distances: fc.array(fc.array(fc.nat(60), { minLength: 5, maxLength: 5 }), { minLength: 3, maxLength: 3 }),
      sets: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 3, maxLength: 3 }),
    })
    .map(({ chains, kinds, pathways, distances, sets }) => {
      const solverChains: SolverChain[] = chains.map((dates) => {
        const byDay = new Map<number, number>();
        for (const { day, capacity } of dates) byDay.set(day, (byDay.get(day) ?? 0) + capacity);
        const days = [...byDay.keys()].sort((a, b) => a - b);
        return { days, capacity: days.map((d) => byDay.get(d)!) };
      });
      const solverPathways: SolverPathway[] = pathways.map(({ deadline, point, set }) => ({
        deadline,
        options: solverChains.flatMap((_, c) =>
          sets[set][c] ? [{ chain: c, distTenths: distances[point][c], kindPenalty: kinds[c] }] : [],
        ),
      }));
      return { chains: solverChains, pathways: solverPathways };
    });
const instance = instanceOf(false);

/** Objective of a solution: (-in time, -placed, days late, distance, kind, sum of dates). */
function objective(
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  chain: Int32Array,
  dayIndex: Int32Array,
): number[] {
  const total = [0, 0, 0, 0, 0, 0];
  pathways.forEach((pw, p) => {
    const c = chain[p];
    if (c < 0) return;
    const day = chains[c].days[dayIndex[p]];
    const option = pw.options.find((o) => o.chain === c)!;
    total[0] -= day <= pw.deadline ? 1 : 0;
    total[1] -= 1;
    total[2] += Math.max(0, day - pw.deadline);
    total[3] += option.distTenths;
    total[4] += option.kindPenalty;
    total[5] += day;
  });
  return total;
}

describe('level-by-level method', () => {
  it.each([
    ['many pathways and providers aggregate', instance],
    ['most pathways are overdue and many are interchangeable in level B', instanceOf(true)],
  ])('reaches the objective of the direct method on instances where %s', (_, instances) => {
    fc.assert(
      fc.property(instances, ({ chains, pathways }) => {
        const levels = solveAllocation(chains, pathways);
        const direct = solveAllocation(chains, pathways, { insert: 'pathways' });
        expect(levels.stats.insert).toBe('levels');
        expect(objective(chains, pathways, levels.chain, levels.dayIndex)).toEqual(
          objective(chains, pathways, direct.chain, direct.dayIndex),
        );
        // Capacities hold.
        const used = chains.map((c) => c.days.map(() => 0));
        levels.chain.forEach((c, p) => c >= 0 && used[c][levels.dayIndex[p]]++);
        used.forEach((u, c) => u.forEach((n, j) => expect(n).toBeLessThanOrEqual(chains[c].capacity[j])));
      }),
      { numRuns: 300 },
    );
  });

  it("fixes and removes only arcs on which every level-A optimal plan agrees (the direct method's plan respects them)", () => {
    fc.assert(
      fc.property(instance, ({ chains, pathways }) => {
        const { net, restriction } = restrictByLevelA(chains, pathways);
        const { arcState, nodeState } = restriction;
        const direct = solveAllocation(chains, pathways, { insert: 'pathways' });
        const used = chains.map((c) => c.days.map(() => 0));
        pathways.forEach((pw, p) => {
          const c = direct.chain[p];
          const state = nodeState[1 + p];
          // Z -> p: a forced pathway is placed, a removed one is not.
          if (state === FORCED) expect(c).toBeGreaterThanOrEqual(0);
          if (state === REMOVED) expect(c).toBe(-1);
          let entry = -1;
          if (c >= 0) {
            used[c][direct.dayIndex[p]]++;
            const late = chains[c].days[direct.dayIndex[p]] > pw.deadline;
            for (let a = net.pathwayArcStart[p]; a < net.pathwayArcStart[p + 1]; a++)
              if (net.entryChain[a] === c && (net.entryLate[a] === 1) === late) entry = a;
            expect(entry).toBeGreaterThanOrEqual(0);
            expect(arcState[entry]).not.toBe(REMOVED);
          }
          for (let a = net.pathwayArcStart[p]; a < net.pathwayArcStart[p + 1]; a++)
            if (arcState[a] === FORCED) expect(a).toBe(entry);
        });
        chains.forEach((chain, c) =>
          chain.days.forEach((_, j) => {
            const d = net.dNode(c, j);
            if (nodeState[d] === FORCED) expect(used[c][j]).toBe(chain.capacity[j]);
            if (nodeState[d] === REMOVED) expect(used[c][j]).toBe(0);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('aggregates: equal pathways form one group and providers with the same users one class', () => {
    // 40 pathways of 2 kinds, 6 providers of 2 kinds of users: the solution equals the direct method's.
    const chains: SolverChain[] = Array.from({ length: 6 }, (_, c) => ({
      days: [c, 10 + c, 20 + c],
      capacity: [2, 1, 3],
    }));
    const pathways: SolverPathway[] = Array.from({ length: 40 }, (_, p) => ({
      deadline: p % 2 === 0 ? 12 : 2,
      options: chains.flatMap((_, c) =>
        p % 2 === 0 || c < 3 ? [{ chain: c, distTenths: 10 * c + (p % 7), kindPenalty: c % 2 }] : [],
      ),
    }));
    const levels = solveAllocation(chains, pathways);
    const direct = solveAllocation(chains, pathways, { insert: 'pathways' });
    const best = objective(chains, pathways, levels.chain, levels.dayIndex);
    expect(best).toEqual(objective(chains, pathways, direct.chain, direct.dayIndex));
    // In time: 6 of the urgent (dates 0-2 at providers 0-2) and 9 of the others (dates 3-5 at 3-5, 10-12 at 0-2);
    // then 11 + 9 more late: one slot stays free rather than cost an in-time placement.
    expect(best.slice(0, 2)).toEqual([-15, -35]);
  });
});

describe('level B on a hand-made restriction', () => {
  it('routes a pathway whose one entry is forced, and fills a forced drain from an optional pathway', () => {
    // Chain 0: one slot on day 5; chain 1: two slots on day 5. Pathway 0 must take chain 0 (forced entry);
    // pathway 1 is forced but free to choose (chain 0 is nearer, but full); pathway 2 is optional and must fill
    // chain 1's forced drain, pathway 3 is optional and stays out.
    const chains: SolverChain[] = [
      { days: [5], capacity: [1] },
      { days: [5], capacity: [2] },
    ];
    const both = (d0: number, d1: number) => [
      { chain: 0, distTenths: d0, kindPenalty: 0 },
      { chain: 1, distTenths: d1, kindPenalty: 0 },
    ];
    const pathways: SolverPathway[] = [
      { deadline: 9, options: both(50, 1) },
      { deadline: 9, options: both(1, 40) },
      { deadline: 9, options: both(30, 20) },
      { deadline: 9, options: both(30, 25) },
    ];
    const net = buildNetwork(chains, pathways, 'B');
    const arcState = new Uint8Array(net.arcFrom.length).fill(FREE);
    const nodeState = new Uint8Array(net.n).fill(FREE);
    for (let a = net.pathwayArcStart[0]; a < net.pathwayArcStart[1]; a++)
      arcState[a] = net.entryChain[a] === 0 ? FORCED : REMOVED;
    nodeState[1] = FORCED;
    nodeState[2] = FORCED;
    nodeState[net.dNode(0, 0)] = FORCED;
    nodeState[net.dNode(1, 0)] = FORCED;
    const flow = new RestrictedFlow(net, { arcState, nodeState });
    flow.run([1, 0], [net.dNode(1, 0)]);
    const { chain } = decompose(net, chains, pathways, flow.arcFlow);
    expect(Array.from(chain)).toEqual([0, 1, 1, -1]);
  });
});
