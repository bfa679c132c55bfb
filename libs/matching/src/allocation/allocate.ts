import { toDayNumber } from '@app/deadline';
import { distanceTenths } from './geo';
import { SolverChain, SolverOptions, SolverPathway, solveAllocation } from './solver';
import {
  AllocationAssignment,
  AllocationInput,
  AllocationProvider,
  AllocationResult,
  AllocationUnassigned,
  DEFAULT_KIND_PENALTY,
  ProviderKind,
} from './types';

/** Malformed input: duplicate ids, unknown providers, bad dates or coordinates, non-integer penalties. */
export class AllocationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationInputError';
  }
}

const KINDS: readonly ProviderKind[] = ['PUBLIC', 'PRIVATE', 'FOREIGN'];

/** Calendar day number of a 'YYYY-MM-DD' date (libs/deadline's arithmetic), or AllocationInputError. */
export function dayNumber(iso: string): number {
  try {
    return toDayNumber(iso);
  } catch {
    throw new AllocationInputError(`not a valid YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  }
}

/** Code-unit order, so the result never depends on the process locale. */
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function checkCoordinates(what: string, lat: number, lon: number): void {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new AllocationInputError(`${what} has invalid coordinates (${lat}, ${lon})`);
  }
}

function uniqueIds(what: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new AllocationInputError(`duplicate ${what} id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

interface Chain {
  provider: AllocationProvider;
  penalty: number;
  days: number[];
  /** Slot ids per date, sorted. */
  slotIds: string[][];
}

/**
 * Assign pathways to slots, each slot to at most one pathway, optimal for the lexicographic objective:
 * most pathways in time, then most placed, then fewest days late, then least total distance (0.1 km),
 * then least kind penalty; remaining ties go to earlier slot dates, then lower slot ids.
 * The result does not depend on the order of the input arrays. Throws AllocationInputError on malformed input,
 * and RangeError if costs outgrow exact integer arithmetic (only with kind penalties of order 1e11 and up).
 */
export function allocate(input: AllocationInput, options: SolverOptions = {}): AllocationResult {
  return allocateWithCertificate(input, options).result;
}

/**
 * Optimality certificate of a plan: a dual price per pathway and per slot (raw cost components, as in the
 * objective with the date component counted from the earliest slot date). The plan is optimal when, in exact
 * arithmetic and compared lexicographically: every price is >= 0; cost(p, s) + price(p) + price(s) >= 0 for every
 * pair the pathway may use, with equality for the pairs in the plan; and a positive price only on a pathway or
 * slot that is in the plan (complementary slackness). Checked by the tests, in BigInt.
 */
export interface AllocationCertificate {
  /** Day number the date component is counted from (the earliest slot date). */
  firstDay: number;
  pathwayPrice: Map<string, number[]>;
  slotPrice: Map<string, number[]>;
}

export function allocateWithCertificate(
  input: AllocationInput,
  options: SolverOptions = {},
): {
  result: AllocationResult;
  certificate: AllocationCertificate;
  stats: { insert: string; settled: number; words: number };
} {
  const penalties: Record<ProviderKind, number> = { ...DEFAULT_KIND_PENALTY, ...input.kindPenalty };
  for (const kind of KINDS) {
    if (!Number.isSafeInteger(penalties[kind]))
      throw new AllocationInputError(`kindPenalty.${kind} must be a safe integer`);
  }

  const providers = [...input.providers].sort((a, b) => byString(a.id, b.id));
  uniqueIds(
    'provider',
    providers.map((p) => p.id),
  );
  for (const p of providers) {
    if (!KINDS.includes(p.kind))
      throw new AllocationInputError(`provider ${p.id} has unknown kind ${JSON.stringify(p.kind)}`);
    checkCoordinates(`provider ${p.id}`, p.lat, p.lon);
  }
  const providerById = new Map(providers.map((p) => [p.id, p]));

  uniqueIds(
    'slot',
    input.slots.map((s) => s.id),
  );
  const slotsByProvider = new Map<string, { id: string; day: number }[]>();
  for (const s of input.slots) {
    if (!providerById.has(s.providerId))
      throw new AllocationInputError(`slot ${s.id} refers to unknown provider ${s.providerId}`);
    const list = slotsByProvider.get(s.providerId) ?? [];
    list.push({ id: s.id, day: dayNumber(s.date) });
    slotsByProvider.set(s.providerId, list);
  }

  const chains: Chain[] = [];
  const chainOfProvider = new Map<string, number>();
  for (const provider of providers) {
    const slots = slotsByProvider.get(provider.id);
    if (!slots) continue;
    slots.sort((a, b) => a.day - b.day || byString(a.id, b.id));
    const chain: Chain = { provider, penalty: penalties[provider.kind], days: [], slotIds: [] };
    for (const s of slots) {
      if (chain.days[chain.days.length - 1] !== s.day) {
        chain.days.push(s.day);
        chain.slotIds.push([]);
      }
      chain.slotIds[chain.slotIds.length - 1].push(s.id);
    }
    chainOfProvider.set(provider.id, chains.length);
    chains.push(chain);
  }

  const pathways = [...input.pathways].sort((a, b) => byString(a.id, b.id));
  uniqueIds(
    'pathway',
    pathways.map((p) => p.id),
  );
  // Distances once per distinct point: pathways are placed at their home municipality, so many share one.
  const distancesFrom = new Map<string, Float64Array>();
  const solverPathways: SolverPathway[] = pathways.map((p) => {
    checkCoordinates(`pathway ${p.id}`, p.lat, p.lon);
    const point = `${p.lat},${p.lon}`;
    let dist = distancesFrom.get(point);
    if (!dist) {
      dist = Float64Array.from(chains, ({ provider }) => distanceTenths(p.lat, p.lon, provider.lat, provider.lon));
      distancesFrom.set(point, dist);
    }
    const excluded = new Set(p.excludedProviderIds ?? []);
    const options = [];
    for (let c = 0; c < chains.length; c++) {
      const { provider, penalty } = chains[c];
      if (excluded.has(provider.id)) continue;
      options.push({ chain: c, distTenths: dist[c], kindPenalty: penalty });
    }
    return { deadline: dayNumber(p.deadline), options };
  });
  const solverChains: SolverChain[] = chains.map((c) => ({
    days: c.days,
    capacity: c.slotIds.map((ids) => ids.length),
  }));

  const solution = solveAllocation(solverChains, solverPathways, options);

  // Within one provider and date slots are interchangeable: the most urgent pathway gets the lowest slot id.
  const onDate = new Map<string, number[]>();
  pathways.forEach((_, i) => {
    const c = solution.chain[i];
    if (c < 0) return;
    const key = `${c}:${solution.dayIndex[i]}`;
    const list = onDate.get(key) ?? [];
    list.push(i);
    onDate.set(key, list);
  });
  const slotOf = new Array<string | undefined>(pathways.length);
  for (const [key, list] of onDate) {
    const [c, j] = key.split(':').map(Number);
    list.sort((a, b) => solverPathways[a].deadline - solverPathways[b].deadline || a - b);
    list.forEach((p, rank) => (slotOf[p] = chains[c].slotIds[j][rank]));
  }

  const assignments: AllocationAssignment[] = [];
  const unassigned: AllocationUnassigned[] = [];
  let placedInTime = 0;
  let totalDaysLate = 0;
  let totalTenths = 0;
  let totalKindPenalty = 0;
  pathways.forEach((pathway, i) => {
    const { deadline, options } = solverPathways[i];
    const c = solution.chain[i];
    if (c < 0) {
      const anyInTime = options.some((o) => chains[o.chain].days[0] <= deadline);
      unassigned.push({
        pathwayId: pathway.id,
        reason: options.length === 0 ? 'NO_SLOT' : anyInTime ? 'CAPACITY_TAKEN' : 'NONE_IN_TIME',
      });
      return;
    }
    const chain = chains[c];
    const option = options.find((o) => o.chain === c)!;
    const slack = deadline - chain.days[solution.dayIndex[i]];
    if (slack >= 0) placedInTime++;
    else totalDaysLate -= slack;
    totalTenths += option.distTenths;
    totalKindPenalty += chain.penalty;
    assignments.push({
      pathwayId: pathway.id,
      slotId: slotOf[i]!,
      providerId: chain.provider.id,
      meetsDeadline: slack >= 0,
      daysBeforeDeadline: slack,
      distanceKm: option.distTenths / 10,
    });
  });

  // Slot prices come from the solver's potentials; a placed pathway's price is what makes its pair tight.
  const firstDay = chains.reduce((min, c) => Math.min(min, c.days[0]), Infinity);
  const zero = (): number[] => [0, 0, 0, 0, 0, 0];
  const slotPrice = new Map<string, number[]>();
  chains.forEach((chain, c) =>
    chain.slotIds.forEach((ids, j) => ids.forEach((id) => slotPrice.set(id, solution.price[c][j]))),
  );
  const pathwayPrice = new Map<string, number[]>();
  pathways.forEach((pathway, i) => {
    const c = solution.chain[i];
    if (c < 0) return pathwayPrice.set(pathway.id, zero());
    const { deadline, options: opts } = solverPathways[i];
    const option = opts.find((o) => o.chain === c)!;
    const day = chains[c].days[solution.dayIndex[i]];
    const cost = [
      day <= deadline ? -1 : 0,
      -1,
      Math.max(0, day - deadline),
      option.distTenths,
      chains[c].penalty,
      day - firstDay,
    ];
    const price = solution.price[c][solution.dayIndex[i]];
    pathwayPrice.set(
      pathway.id,
      cost.map((x, k) => -(x + price[k]) + 0),
    );
  });

  const result: AllocationResult = {
    assignments,
    unassigned,
    totals: {
      pathways: pathways.length,
      slots: input.slots.length,
      placed: assignments.length,
      placedInTime,
      placedLate: assignments.length - placedInTime,
      totalDaysLate,
      totalDistanceKm: totalTenths / 10,
      totalKindPenalty,
    },
  };
  return { result, certificate: { firstDay, pathwayPrice, slotPrice }, stats: solution.stats };
}
