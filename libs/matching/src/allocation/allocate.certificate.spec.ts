import fc from 'fast-check';
import { CLASSES, makeClassInstance } from '../../../../bench/allocation-instances';
import { AllocationCertificate, allocateWithCertificate, dayNumber } from './allocate';
import { distanceTenths } from './geo';
import { AllocationInput, AllocationResult, DEFAULT_KIND_PENALTY, ProviderKind } from './types';

/*
 * Optimality certificate, checked in exact integer (BigInt) arithmetic with costs recomputed from the input.
 *
 * The plan is an assignment LP: min sum c(p, s) x(p, s) subject to each pathway and each slot used at most once.
 * Its dual gives every pathway a price u(p) >= 0 and every slot a price v(s) >= 0 with c(p, s) + u(p) + v(s) >= 0
 * for every allowed pair (dual feasibility). If moreover every pair in the plan has c + u + v = 0 and only
 * pathways and slots in the plan have a positive price (complementary slackness), then for any other plan x:
 *   sum c x >= sum x (-(u + v)) >= -sum u - sum v = sum over the plan of c,
 * so the plan is optimal. Costs are vectors compared lexicographically, an ordered group, so the argument holds
 * componentwise as it stands: a faster solver that returned a worse plan could not produce such prices.
 */

type Vec = bigint[];
const ZERO: Vec = [0n, 0n, 0n, 0n, 0n, 0n];
const add = (a: Vec, b: Vec): Vec => a.map((x, k) => x + b[k]);
const sign = (a: Vec): number => {
  for (const x of a) if (x !== 0n) return x > 0n ? 1 : -1;
  return 0;
};

interface Verdict {
  pairs: number;
  violations: string[];
}

function verify(input: AllocationInput, insert?: 'pathways' | 'slots'): Verdict {
  const { result, certificate } = allocateWithCertificate(input, insert ? { insert } : {});
  return verifyPlan(input, result, certificate);
}

function verifyPlan(input: AllocationInput, result: AllocationResult, certificate: AllocationCertificate): Verdict {
  const providers = new Map(input.providers.map((p) => [p.id, p]));
  const penalty = { ...DEFAULT_KIND_PENALTY, ...input.kindPenalty };
  const firstDay = input.slots.reduce((min, s) => Math.min(min, dayNumber(s.date)), Infinity);
  const assigned = new Map(result.assignments.map((a) => [a.pathwayId, a.slotId]));
  const usedSlots = new Set(result.assignments.map((a) => a.slotId));
  const violations: string[] = [];
  const price = (map: Map<string, number[]>, id: string): Vec => {
    const v = map.get(id);
    if (!v) {
      violations.push(`no price for ${id}`);
      return ZERO;
    }
    return v.map((x) => {
      if (!Number.isSafeInteger(x)) violations.push(`price of ${id} is not an integer: ${x}`);
      return BigInt(x);
    });
  };
  const slotPrice = new Map(input.slots.map((s) => [s.id, price(certificate.slotPrice, s.id)]));
  for (const [id, v] of slotPrice) {
    if (sign(v) < 0) violations.push(`slot ${id}: negative price`);
    if (sign(v) > 0 && !usedSlots.has(id)) violations.push(`slot ${id}: positive price but unused`);
  }
  let pairs = 0;
  for (const pw of input.pathways) {
    const u = price(certificate.pathwayPrice, pw.id);
    if (sign(u) < 0) violations.push(`pathway ${pw.id}: negative price`);
    if (sign(u) > 0 && !assigned.has(pw.id)) violations.push(`pathway ${pw.id}: positive price but unplaced`);
    const deadline = dayNumber(pw.deadline);
    const excluded = new Set(pw.excludedProviderIds ?? []);
    for (const s of input.slots) {
      if (excluded.has(s.providerId)) continue;
      pairs++;
      const pr = providers.get(s.providerId)!;
      const day = dayNumber(s.date);
      const cost: Vec = [
        day <= deadline ? -1n : 0n,
        -1n,
        BigInt(Math.max(0, day - deadline)),
        BigInt(distanceTenths(pw.lat, pw.lon, pr.lat, pr.lon)),
        BigInt(penalty[pr.kind]),
        BigInt(day - firstDay),
      ];
      const slack = sign(add(add(cost, u), slotPrice.get(s.id)!));
      if (slack < 0) violations.push(`pair ${pw.id}/${s.id}: reduced cost negative`);
      if (assigned.get(pw.id) === s.id && slack !== 0)
        violations.push(`pair ${pw.id}/${s.id} is in the plan but not tight`);
    }
  }
  return { pairs, violations };
}

const BASE_DAY = Date.UTC(2025, 1, 20);
const isoDay = (offset: number) => new Date(BASE_DAY + offset * 86_400_000).toISOString().slice(0, 10);
const kind = fc.constantFrom<ProviderKind>('PUBLIC', 'PRIVATE', 'FOREIGN');
// Few distinct points, so distances tie and the lower components decide.
const point = fc.oneof(
  {
    arbitrary: fc.constantFrom({ lat: 55.68, lon: 12.57 }, { lat: 56.16, lon: 10.2 }, { lat: 55.4, lon: 10.39 }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      lat: fc.double({ min: 54.5, max: 57.7, noNaN: true }),
      lon: fc.double({ min: 8, max: 12.7, noNaN: true }),
    }),
    weight: 1,
  },
);

function randomInstance(
  maxPathways: number,
  maxSlots: number,
  deadlineShift: fc.Arbitrary<number>,
  penalty = fc.integer({ min: -3, max: 5 }),
) {
  return fc.tuple(fc.integer({ min: 1, max: 6 }), deadlineShift).chain(([nProviders, shift]) =>
    fc
      .record({
        providers: fc.array(fc.record({ kind, point }), { minLength: nProviders, maxLength: nProviders }),
        slots: fc.array(fc.record({ provider: fc.nat(nProviders - 1), day: fc.nat(40) }), { maxLength: maxSlots }),
        pathways: fc.array(
          fc.record({
            deadline: fc.nat(40),
            point,
            excluded: fc.array(fc.boolean(), { minLength: nProviders, maxLength: nProviders }),
          }),
          {
            maxLength: maxPathways,
          },
        ),
        kindPenalty: fc.option(fc.record({ PUBLIC: penalty, PRIVATE: penalty, FOREIGN: penalty }), { nil: undefined }),
      })
      .map(({ providers, slots, pathways, kindPenalty }): AllocationInput => ({
        providers: providers.map((p, i) => ({ id: `prov-${i}`, kind: p.kind, ...p.point })),
        slots: slots.map((s, i) => ({ id: `slot-${i}`, providerId: `prov-${s.provider}`, date: isoDay(s.day) })),
        pathways: pathways.map((p, i) => ({
          id: `pw-${i}`,
          deadline: isoDay(p.deadline + shift),
          ...p.point,
          excludedProviderIds: p.excluded.flatMap((x, j) => (x ? [`prov-${j}`] : [])),
        })),
        kindPenalty,
      })),
  );
}

const INSERTIONS = [undefined, 'pathways', 'slots'] as const;

describe('allocation optimality certificate (exact integer arithmetic)', () => {
  it('holds on random instances, for the level-by-level method and both orders of the direct one', () => {
    fc.assert(
      fc.property(randomInstance(40, 40, fc.constantFrom(0, -30, 20)), (input) => {
        for (const insert of INSERTIONS) expect(verify(input, insert).violations).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('holds with kind penalties large enough to need several packed words', () => {
    fc.assert(
      fc.property(randomInstance(12, 12, fc.constant(0), fc.integer({ min: -1e13, max: 1e13 })), (input) => {
        for (const insert of INSERTIONS) expect(verify(input, insert).violations).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  // The classes of the national-scale benchmark, shrunk so that every (pathway, slot) pair can be checked in BigInt.
  it.each(CLASSES.map((c) => [c.key, c] as const))('holds on the adversarial class %s (shrunk)', (_, c) => {
    const scale = c.pathways >= 4000 ? 16 : c.pathways >= 2000 ? 8 : 2;
    const input = makeClassInstance(
      { ...c, pathways: Math.round(c.pathways / scale), slots: Math.round(c.slots / scale), providers: 20 },
      11,
    );
    for (const insert of INSERTIONS) {
      const verdict = verify(input, insert);
      expect(verdict.violations.slice(0, 5)).toEqual([]);
      expect(verdict.pairs).toBeGreaterThan(0);
    }
  });

  it('holds on a class instance at its full provider count', () => {
    const input = makeClassInstance(
      { pathways: 300, slots: 300, providers: 80, days: 90, deadlineFrom: -30, deadlineTo: 45 },
      3,
    );
    for (const insert of INSERTIONS) expect(verify(input, insert).violations.slice(0, 5)).toEqual([]);
  });

  it('rejects a plan that is not optimal, and prices that do not prove it', () => {
    // The check itself must be able to fail: an urgent and a relaxed pathway, an early and a late slot.
    const input: AllocationInput = {
      providers: [{ id: 'a', kind: 'PUBLIC', lat: 55.68, lon: 12.57 }],
      slots: [
        { id: 's1', providerId: 'a', date: '2025-03-01' },
        { id: 's2', providerId: 'a', date: '2025-03-10' },
      ],
      pathways: [
        { id: 'p1', deadline: '2025-03-02', lat: 55.68, lon: 12.57 },
        { id: 'p2', deadline: '2025-03-12', lat: 55.68, lon: 12.57 },
      ],
    };
    const { result, certificate } = allocateWithCertificate(input);
    expect(result.assignments.map((a) => [a.pathwayId, a.slotId])).toEqual([
      ['p1', 's1'],
      ['p2', 's2'],
    ]);
    expect(verifyPlan(input, result, certificate).violations).toEqual([]);
    // The swapped plan (p1 late) is feasible but one in time worse: no pair of it is tight under these prices.
    const swapped: AllocationResult = {
      ...result,
      assignments: [
        { ...result.assignments[0], slotId: 's2' },
        { ...result.assignments[1], slotId: 's1' },
      ],
    };
    expect(verifyPlan(input, swapped, certificate).violations).toEqual(
      expect.arrayContaining([expect.stringContaining('not tight')]),
    );
    // Without prices the optimal plan cannot be certified: its pairs are not tight.
    const noPrices: AllocationCertificate = {
      ...certificate,
      pathwayPrice: new Map([...certificate.pathwayPrice.keys()].map((id) => [id, [0, 0, 0, 0, 0, 0]])),
      slotPrice: new Map([...certificate.slotPrice.keys()].map((id) => [id, [0, 0, 0, 0, 0, 0]])),
    };
    expect(verifyPlan(input, result, noPrices).violations.length).toBeGreaterThan(0);
  });
});
