import fc from 'fast-check';
import { allocate, dayNumber } from './allocate';
import { distanceTenths } from './geo';
import { AllocationInput, AllocationResult, DEFAULT_KIND_PENALTY, ProviderKind } from './types';

/*
 * Optimality is checked against solvers that share nothing with the production code but the distance rounding:
 * exhaustive enumeration of all matchings for small instances, and a dense successive-shortest-path min-cost
 * flow with Bellman-Ford for medium ones. Objective tuples include the earlier-date tie-break as a 6th entry.
 */

type Objective = number[]; // [-in time, -placed, days late, distance tenths, kind penalty, sum of slot day numbers]

const lexCompare = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

interface Pair {
  slot: number;
  cost: Objective;
}

/** Feasible (pathway, slot) pairs with their objective contribution. */
function pairCosts(input: AllocationInput): Pair[][] {
  const providers = new Map(input.providers.map((p) => [p.id, p]));
  const penalty = { ...DEFAULT_KIND_PENALTY, ...input.kindPenalty };
  return input.pathways.map((pw) => {
    const deadline = dayNumber(pw.deadline);
    const out: Pair[] = [];
    input.slots.forEach((s, slot) => {
      if (pw.excludedProviderIds?.includes(s.providerId)) return;
      const pr = providers.get(s.providerId)!;
      const day = dayNumber(s.date);
      const inTime = day <= deadline;
      out.push({
        slot,
        cost: [
          inTime ? -1 : 0,
          -1,
          inTime ? 0 : day - deadline,
          distanceTenths(pw.lat, pw.lon, pr.lat, pr.lon),
          penalty[pr.kind],
          day,
        ],
      });
    });
    return out;
  });
}

function bruteForce(input: AllocationInput): Objective {
  const options = pairCosts(input);
  const used = new Array<boolean>(input.slots.length).fill(false);
  let best: Objective = [0, 0, 0, 0, 0, 0];
  const acc = [0, 0, 0, 0, 0, 0];
  const visit = (i: number) => {
    if (i === options.length) {
      if (lexCompare(acc, best) < 0) best = [...acc];
      return;
    }
    visit(i + 1);
    for (const { slot, cost } of options[i]) {
      if (used[slot]) continue;
      used[slot] = true;
      for (let k = 0; k < 6; k++) acc[k] += cost[k];
      visit(i + 1);
      for (let k = 0; k < 6; k++) acc[k] -= cost[k];
      used[slot] = false;
    }
  };
  visit(0);
  return best;
}

/** Successive shortest paths on the full bipartite graph, Bellman-Ford on cost tuples; stops at the first non-negative path. */
function denseMinCostFlow(input: AllocationInput): Objective {
  const options = pairCosts(input);
  const nP = options.length;
  const nS = input.slots.length;
  const source = nP + nS;
  const sink = source + 1;
  interface Arc {
    to: number;
    cap: number;
    cost: Objective;
    rev: number;
  }
  const graph: Arc[][] = Array.from({ length: sink + 1 }, () => []);
  const zero = [0, 0, 0, 0, 0, 0];
  const add = (u: number, v: number, cost: Objective) => {
    graph[u].push({ to: v, cap: 1, cost, rev: graph[v].length });
    graph[v].push({ to: u, cap: 0, cost: cost.map((c) => -c), rev: graph[u].length - 1 });
  };
  for (let p = 0; p < nP; p++) add(source, p, zero);
  options.forEach((list, p) => list.forEach(({ slot, cost }) => add(p, nP + slot, cost)));
  for (let s = 0; s < nS; s++) add(nP + s, sink, zero);

  const total = [...zero];
  for (;;) {
    const dist: (Objective | null)[] = new Array(sink + 1).fill(null);
    const via: [number, number][] = new Array(sink + 1);
    dist[source] = zero;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      for (let u = 0; u <= sink; u++) {
        const du = dist[u];
        if (!du) continue;
        graph[u].forEach((arc, i) => {
          if (arc.cap === 0) return;
          const nd = du.map((x, k) => x + arc.cost[k]);
          const dv = dist[arc.to];
          if (!dv || lexCompare(nd, dv) < 0) {
            dist[arc.to] = nd;
            via[arc.to] = [u, i];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    const d = dist[sink];
    if (!d || lexCompare(d, zero) >= 0) return total;
    for (let v = sink; v !== source;) {
      const [u, i] = via[v];
      const arc = graph[u][i];
      arc.cap--;
      graph[v][arc.rev].cap++;
      v = u;
    }
    for (let k = 0; k < 6; k++) total[k] += d[k];
  }
}

/** Checks every promise of the result against the input and returns its objective tuple. */
function checkAndScore(input: AllocationInput, result: AllocationResult): Objective {
  const slots = new Map(input.slots.map((s) => [s.id, s]));
  const providers = new Map(input.providers.map((p) => [p.id, p]));
  const pathways = new Map(input.pathways.map((p) => [p.id, p]));
  const penalty = { ...DEFAULT_KIND_PENALTY, ...input.kindPenalty };
  const usedSlots = new Set<string>();
  const score = [0, 0, 0, 0, 0, 0];
  let tenths = 0;
  for (const a of result.assignments) {
    const pw = pathways.get(a.pathwayId)!;
    const s = slots.get(a.slotId)!;
    expect(s).toBeDefined();
    expect(usedSlots.has(a.slotId)).toBe(false);
    usedSlots.add(a.slotId);
    expect(a.providerId).toBe(s.providerId);
    expect(pw.excludedProviderIds ?? []).not.toContain(a.providerId);
    const pr = providers.get(a.providerId)!;
    const slack = dayNumber(pw.deadline) - dayNumber(s.date);
    const d = distanceTenths(pw.lat, pw.lon, pr.lat, pr.lon);
    expect(a).toEqual({
      pathwayId: pw.id,
      slotId: s.id,
      providerId: pr.id,
      meetsDeadline: slack >= 0,
      daysBeforeDeadline: slack,
      distanceKm: d / 10,
    });
    const cost = [slack >= 0 ? -1 : 0, -1, Math.max(0, -slack), d, penalty[pr.kind], dayNumber(s.date)];
    for (let k = 0; k < 6; k++) score[k] += cost[k];
    tenths += d;
  }
  const seen = [...result.assignments.map((a) => a.pathwayId), ...result.unassigned.map((u) => u.pathwayId)];
  expect([...seen].sort()).toEqual([...pathways.keys()].sort());

  for (const u of result.unassigned) {
    const pw = pathways.get(u.pathwayId)!;
    const feasible = input.slots.filter((s) => !(pw.excludedProviderIds ?? []).includes(s.providerId));
    const expected =
      feasible.length === 0
        ? 'NO_SLOT'
        : feasible.some((s) => s.date <= pw.deadline)
          ? 'CAPACITY_TAKEN'
          : 'NONE_IN_TIME';
    expect(u.reason).toBe(expected);
    // An optimal plan never leaves a usable slot empty while a pathway waits.
    for (const s of feasible) expect(usedSlots.has(s.id)).toBe(true);
  }
  expect(result.totals).toEqual({
    pathways: input.pathways.length,
    slots: input.slots.length,
    placed: result.assignments.length,
    placedInTime: Math.abs(score[0]),
    placedLate: result.assignments.length + score[0],
    totalDaysLate: score[2],
    totalDistanceKm: tenths / 10,
    totalKindPenalty: score[4],
  });
  return score;
}

const BASE_DAY = Date.UTC(2025, 1, 20);
const isoDay = (offset: number) => new Date(BASE_DAY + offset * 86_400_000).toISOString().slice(0, 10);

// Mostly two shared points, so equal distances (and so the kind and date tie-breaks) are common.
const point = fc.oneof(
  { arbitrary: fc.constantFrom({ lat: 55.68, lon: 12.57 }, { lat: 56.16, lon: 10.2 }), weight: 3 },
  {
    arbitrary: fc.record({
      lat: fc.double({ min: 54.5, max: 57.7, noNaN: true }),
      lon: fc.double({ min: 8, max: 12.7, noNaN: true }),
    }),
    weight: 1,
  },
);
const kind = fc.constantFrom<ProviderKind>('PUBLIC', 'PRIVATE', 'FOREIGN');

const smallPenalty = fc.integer({ min: -2, max: 3 });

function instance(
  limits: { pathways: number; slots: number; providers: number; days: number },
  penalty: fc.Arbitrary<number> = smallPenalty,
  where: fc.Arbitrary<{ lat: number; lon: number }> = point,
): fc.Arbitrary<AllocationInput> {
  return fc.integer({ min: 1, max: limits.providers }).chain((nProviders) =>
    fc
      .record({
        providers: fc.array(fc.record({ kind, point: where }), { minLength: nProviders, maxLength: nProviders }),
        slots: fc.array(fc.record({ provider: fc.nat(nProviders - 1), day: fc.nat(limits.days) }), {
          maxLength: limits.slots,
        }),
        pathways: fc.array(
          fc.record({
            deadline: fc.nat(limits.days),
            point,
            excluded: fc.array(fc.boolean(), { minLength: nProviders, maxLength: nProviders }),
          }),
          { maxLength: limits.pathways },
        ),
        kindPenalty: fc.option(fc.record({ PUBLIC: penalty, PRIVATE: penalty, FOREIGN: penalty }), { nil: undefined }),
      })
      .map(({ providers, slots, pathways, kindPenalty }) => ({
        // Ids run against creation order so that sorting by id actually reorders things.
        providers: providers.map((p, i) => ({ id: `prov-${9 - i}`, kind: p.kind, ...p.point })),
        slots: slots.map((s, i) => ({
          id: `slot-${99 - i}`,
          providerId: `prov-${9 - s.provider}`,
          date: isoDay(s.day),
        })),
        pathways: pathways.map((p, i) => ({
          id: `pw-${99 - i}`,
          deadline: isoDay(p.deadline),
          ...p.point,
          excludedProviderIds: p.excluded.flatMap((x, j) => (x ? [`prov-${9 - j}`] : [])),
        })),
        kindPenalty,
      })),
  );
}

/** The default (level-by-level) method and both insertion orders of the direct method must reach the same optimum. */
const INSERTIONS = [undefined, 'pathways', 'slots'] as const;

describe('allocate (property)', () => {
  it('matches the brute-force optimum on small instances', () => {
    fc.assert(
      fc.property(instance({ pathways: 6, slots: 7, providers: 3, days: 20 }), (input) => {
        const best = bruteForce(input);
        for (const insert of INSERTIONS) expect(checkAndScore(input, allocate(input, { insert }))).toEqual(best);
      }),
      { numRuns: 400 },
    );
  });

  it('matches a dense min-cost flow on medium instances', () => {
    fc.assert(
      fc.property(instance({ pathways: 25, slots: 30, providers: 5, days: 30 }), (input) => {
        const best = denseMinCostFlow(input);
        for (const insert of INSERTIONS) expect(checkAndScore(input, allocate(input, { insert }))).toEqual(best);
      }),
      { numRuns: 60 },
    );
  });

  it('stays exact when costs are large enough to need several packed words', () => {
    // Penalties near 1e13 and providers up to Spain make the kind and distance components fill words of their own.
    const huge = fc.integer({ min: -1e13, max: 1e13 });
    const farOrNear = fc.oneof(point, fc.constantFrom({ lat: 40.4, lon: -3.7 }, { lat: 64.1, lon: -21.9 }));
    fc.assert(
      fc.property(instance({ pathways: 5, slots: 6, providers: 3, days: 20 }, huge, farOrNear), (input) => {
        const best = bruteForce(input);
        for (const insert of INSERTIONS) expect(checkAndScore(input, allocate(input, { insert }))).toEqual(best);
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the input arrays', () => {
    fc.assert(
      fc.property(instance({ pathways: 8, slots: 10, providers: 3, days: 15 }), fc.nat(), (input, seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 2654435761 + seed) % 1000003 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const shuffled = {
          ...input,
          providers: shuffle(input.providers),
          slots: shuffle(input.slots),
          pathways: shuffle(input.pathways),
        };
        for (const insert of INSERTIONS) expect(allocate(shuffled, { insert })).toEqual(allocate(input, { insert }));
      }),
      { numRuns: 100 },
    );
  });
});
