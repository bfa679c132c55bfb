import { LexLayout, lexLayout, packInto } from './lex';

/*
 * Network build: the allocation as a transportation problem over (provider, date) groups.
 *
 * Costs depend only on (pathway, provider) and (pathway deadline, slot date), so the slots of one provider on
 * one date are interchangeable: they become one drain with a capacity. The dates of one provider form a chain,
 * and a pathway needs only two arcs per provider instead of one per (provider, date):
 *
 *   Z -> pathway                    cap 1 (Z is source and sink, so the number placed is free)
 *   pathway -> I(c, j)              cap 1, cost (-1 in time, -1 placed, 0, dist, kind, 0), j = last date <= deadline
 *   pathway -> L(c, j)              cap 1, cost (0, -1 placed, days late at j, dist, kind, 0), j = first date > deadline
 *   I(c, j) -> I(c, j-1)            free: an in-time patient can always take an earlier date
 *   L(c, j) -> L(c, j+1)            cost (0, 0, days between the dates, 0, 0, 0): later is later still
 *   I(c, j), L(c, j) -> D(c, j)     free
 *   D(c, j) -> Z                    cap = slots of provider c on date j, cost (0, 0, 0, 0, 0, date index)
 *
 * The path pathway -> I/L -> ... -> D(c, j) -> Z costs exactly what giving that pathway a slot of provider c on
 * date j costs; the last component prefers earlier dates among otherwise equal plans. That is O(pathways x
 * providers) arcs and O(pathways + groups) nodes instead of one arc per (pathway, slot) pair.
 *
 * Arcs Z -> pathway and D -> Z are implicit (their state lives in `matched`, `drainCap` and `drainUsed` of the
 * solver); entry arcs (pathway -> I/L) come first, pathway by pathway, then the chain arcs.
 */

/** Raw cost components, in priority order: -in time, -placed, days late, distance (0.1 km), kind penalty, date index. */
export const COST_COMPONENTS = 6;
const C_DAYS_LATE = 2;
const C_KIND = 4;
const C_DATE = 5;

export const NODE_PATHWAY = 1;
export const NODE_DRAIN = 2;

export interface SolverChain {
  /** Distinct slot dates as day numbers, ascending. */
  days: readonly number[];
  /** Number of slots on each of those dates (>= 1). */
  capacity: readonly number[];
}

export interface SolverOption {
  chain: number;
  distTenths: number;
  kindPenalty: number;
}

export interface SolverPathway {
  deadline: number;
  /** Chains the pathway may use, at most one entry per chain. */
  options: readonly SolverOption[];
}

export interface Network {
  /** Node count; Z = 0, pathway p = 1 + p, then per chain its I, L and D nodes. */
  n: number;
  nP: number;
  layout: LexLayout;
  /** Words per packed cost. */
  K: number;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  /** Packed arc costs, K words per arc. */
  arcCost: Float64Array;
  /** Arcs [0, entryArcs) are entry arcs; pathway p owns [pathwayArcStart[p], pathwayArcStart[p + 1]). */
  entryArcs: number;
  pathwayArcStart: Int32Array;
  /** Per entry arc: its chain, whether it enters the late chain, and its date index. */
  entryChain: Int32Array;
  entryLate: Uint8Array;
  entryIndex: Int32Array;
  /** Chain arcs at each node, codes 2a (node is the tail) and 2a + 1 (node is the head). */
  adjStart: Int32Array;
  adj: Int32Array;
  /** Entry arcs by head node (for searches that walk arcs backwards). */
  inStart: Int32Array;
  inArcs: Int32Array;
  nodeType: Uint8Array;
  /** Slots per drain node (0 elsewhere), and the packed cost of its arc to Z. */
  capacity: Int32Array;
  drainCost: Float64Array;
  /** Chain arcs per chain and date: I -> D, L -> D, I(j) -> I(j-1) (-1 at j = 0), L(j) -> L(j+1) (-1 at the end). */
  drainI: Int32Array[];
  drainL: Int32Array[];
  stepI: Int32Array[];
  stepL: Int32Array[];
  dNode: (c: number, j: number) => number;
  /** Lexicographically smallest entry cost (packed): a lower bound of every path's cost from Z. */
  minEntry: Float64Array;
}

/** Index of the last element <= x in an ascending array, or -1. */
export function lastAtOrBefore(days: readonly number[], x: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Which cost components the network carries: all six (the direct lexicographic solve), only the leading three
 * (level A: -in time, -placed, days late) or only the last three (level B: distance, kind, date); see levels.ts.
 * Components left out are 0 on every arc and take no room in the packing.
 */
export type CostLevel = 'all' | 'A' | 'B';
const KEEP: Record<CostLevel, readonly boolean[]> = {
  all: [true, true, true, true, true, true],
  A: [true, true, true, false, false, false],
  B: [false, false, false, true, true, true],
};

export function buildNetwork(
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  level: CostLevel = 'all',
): Network {
  const keep = KEEP[level];
  const nP = pathways.length;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const c of chains) {
    const ok =
      c.days.length > 0 &&
      c.days.length === c.capacity.length &&
      c.days.every((d, j) => Number.isSafeInteger(d) && (j === 0 || d > c.days[j - 1])) &&
      c.capacity.every((x) => Number.isSafeInteger(x) && x >= 1);
    if (!ok) throw new Error('solveAllocation: a chain needs ascending integer days and positive integer capacities');
    minDay = Math.min(minDay, c.days[0]);
    maxDay = Math.max(maxDay, c.days[c.days.length - 1]);
  }

  const chainBase: number[] = [];
  let n = 1 + nP;
  for (const c of chains) {
    chainBase.push(n);
    n += 3 * c.days.length;
  }
  const iNode = (c: number, j: number) => chainBase[c] + j;
  const lNode = (c: number, j: number) => chainBase[c] + chains[c].days.length + j;
  const dNode = (c: number, j: number) => chainBase[c] + 2 * chains[c].days.length + j;

  // Entry arcs first, pathway by pathway, with their raw costs; then the chain arcs (4 per chain and date at most).
  let entryCount = 0;
  for (const pw of pathways) entryCount += 2 * pw.options.length;
  let chainArcCount = 0;
  for (const c of chains) chainArcCount += 4 * c.days.length;
  const maxArcs = entryCount + chainArcCount;
  const arcFrom = new Int32Array(maxArcs);
  const arcTo = new Int32Array(maxArcs);
  const raw = new Float64Array(maxArcs * COST_COMPONENTS);
  const entryChain = new Int32Array(entryCount);
  const entryLate = new Uint8Array(entryCount);
  const entryIndex = new Int32Array(entryCount);
  const pathwayArcStart = new Int32Array(nP + 1);
  const [keepInTime, keepPlaced, keepLate, keepDist, keepKind] = keep;
  let m = 0;
  const addArc = (u: number, v: number, inTime: number, daysLate: number, dist: number, kind: number): number => {
    arcFrom[m] = u;
    arcTo[m] = v;
    const o = m * COST_COMPONENTS;
    raw[o] = keepInTime ? -inTime : 0;
    raw[o + 1] = keepPlaced && u <= nP && u > 0 ? -1 : 0;
    raw[o + 2] = keepLate ? daysLate : 0;
    raw[o + 3] = keepDist ? dist : 0;
    raw[o + 4] = keepKind ? kind : 0;
    return m++;
  };

  /*
   * B[k] bounds component k of any simple residual path: one entry arc and at most one trailing reverse entry
   * (2 x the largest entry cost), one (out - in) entry difference per pathway passed through, each chain arc
   * at most once, and one drain.
   */
  const maxEntry = new Float64Array(COST_COMPONENTS);
  const pathBound = new Float64Array(COST_COMPONENTS);
  const lo = new Float64Array(COST_COMPONENTS);
  const hi = new Float64Array(COST_COMPONENTS);
  let minArc = -1;
  const seen = new Int32Array(chains.length).fill(-1);
  for (let p = 0; p < nP; p++) {
    pathwayArcStart[p] = m;
    const { deadline, options } = pathways[p];
    for (const o of options) {
      if (!(o.chain >= 0 && o.chain < chains.length) || seen[o.chain] === p)
        throw new Error('solveAllocation: options must name distinct chains');
      seen[o.chain] = p;
      const days = chains[o.chain].days;
      const j = lastAtOrBefore(days, deadline);
      if (j >= 0) {
        const a = addArc(1 + p, iNode(o.chain, j), 1, 0, o.distTenths, o.kindPenalty);
        entryChain[a] = o.chain;
        entryIndex[a] = j;
      }
      if (j + 1 < days.length) {
        const a = addArc(1 + p, lNode(o.chain, j + 1), 0, days[j + 1] - deadline, o.distTenths, o.kindPenalty);
        entryChain[a] = o.chain;
        entryLate[a] = 1;
        entryIndex[a] = j + 1;
      }
    }
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let a = pathwayArcStart[p]; a < m; a++) {
      for (let k = 0; k < COST_COMPONENTS; k++) {
        const x = raw[a * COST_COMPONENTS + k];
        if (x < lo[k]) lo[k] = x;
        if (x > hi[k]) hi[k] = x;
        if (Math.abs(x) > maxEntry[k]) maxEntry[k] = Math.abs(x);
      }
      if (minArc < 0 || lexLess(raw, a, minArc)) minArc = a;
    }
    for (let k = 0; k < COST_COMPONENTS; k++) if (hi[k] >= lo[k]) pathBound[k] += hi[k] - lo[k];
  }
  pathwayArcStart[nP] = m;
  const entryArcs = m;
  for (let k = 0; k < COST_COMPONENTS; k++) pathBound[k] += 2 * maxEntry[k];
  /*
   * The kind penalty depends on the chain only, and chain arcs stay within one chain: a stretch of a simple path
   * inside chain c is entered by an entry (+kind(c)) and left by a reversed entry (-kind(c)), which cancel, except
   * for the stretches at the path's two ends and next to Z (passed at most once). So 4 x the largest |kind| bounds
   * it, far below the per-pathway sum; this keeps level B (levels.ts) in one word at national scale.
   */
  pathBound[C_KIND] = Math.min(pathBound[C_KIND], 4 * maxEntry[C_KIND]);

  const drainI: Int32Array[] = [];
  const drainL: Int32Array[] = [];
  const stepI: Int32Array[] = [];
  const stepL: Int32Array[] = [];
  for (let c = 0; c < chains.length; c++) {
    const days = chains[c].days;
    const k = days.length;
    drainI.push(new Int32Array(k));
    drainL.push(new Int32Array(k));
    stepI.push(new Int32Array(k));
    stepL.push(new Int32Array(k));
    if (keep[C_DAYS_LATE]) pathBound[C_DAYS_LATE] += days[k - 1] - days[0];
    for (let j = 0; j < k; j++) {
      drainI[c][j] = addArc(iNode(c, j), dNode(c, j), 0, 0, 0, 0);
      drainL[c][j] = addArc(lNode(c, j), dNode(c, j), 0, 0, 0, 0);
      stepI[c][j] = j > 0 ? addArc(iNode(c, j), iNode(c, j - 1), 0, 0, 0, 0) : -1;
      stepL[c][j] = j + 1 < k ? addArc(lNode(c, j), lNode(c, j + 1), 0, days[j + 1] - days[j], 0, 0) : -1;
    }
  }
  if (chains.length > 0 && keep[C_DATE]) pathBound[C_DATE] += maxDay - minDay;

  /*
   * Potentials stay within +-2B (they are capped shortest-path distances, or the smallest entry cost), a
   * search's distances within 5.5B and every partial sum formed within 6B. The packing is therefore exact
   * with bound 8B per component; lexLayout throws if even that cannot fit.
   */
  const layout = lexLayout(Array.from(pathBound, (b) => 8 * b));
  const K = layout.words;
  const arcCost = new Float64Array(m * K);
  for (let a = 0; a < m; a++) packInto(layout, raw, arcCost, a * K, a * COST_COMPONENTS);

  const adjStart = new Int32Array(n + 1);
  for (let a = entryArcs; a < m; a++) {
    adjStart[arcFrom[a] + 1]++;
    adjStart[arcTo[a] + 1]++;
  }
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v];
  const adj = new Int32Array(2 * (m - entryArcs));
  let fill = adjStart.slice(0, n);
  for (let a = entryArcs; a < m; a++) {
    adj[fill[arcFrom[a]]++] = 2 * a;
    adj[fill[arcTo[a]]++] = 2 * a + 1;
  }

  const inStart = new Int32Array(n + 1);
  for (let a = 0; a < entryArcs; a++) inStart[arcTo[a] + 1]++;
  for (let v = 0; v < n; v++) inStart[v + 1] += inStart[v];
  const inArcs = new Int32Array(entryArcs);
  fill = inStart.slice(0, n);
  for (let a = 0; a < entryArcs; a++) inArcs[fill[arcTo[a]]++] = a;

  const nodeType = new Uint8Array(n);
  const capacity = new Int32Array(n);
  const drainCost = new Float64Array(n * K);
  for (let p = 0; p < nP; p++) nodeType[1 + p] = NODE_PATHWAY;
  const rawDrain = [0, 0, 0, 0, 0, 0];
  for (let c = 0; c < chains.length; c++) {
    for (let j = 0; j < chains[c].days.length; j++) {
      const v = dNode(c, j);
      nodeType[v] = NODE_DRAIN;
      capacity[v] = chains[c].capacity[j];
      rawDrain[C_DATE] = keep[C_DATE] ? chains[c].days[j] - minDay : 0;
      packInto(layout, rawDrain, drainCost, v * K);
    }
  }
  const minEntry = new Float64Array(K);
  if (minArc >= 0) minEntry.set(arcCost.subarray(minArc * K, (minArc + 1) * K));

  return {
    n,
    nP,
    layout,
    K,
    arcFrom: arcFrom.subarray(0, m),
    arcTo: arcTo.subarray(0, m),
    arcCost,
    entryArcs,
    pathwayArcStart,
    entryChain,
    entryLate,
    entryIndex,
    adjStart,
    adj,
    inStart,
    inArcs,
    nodeType,
    capacity,
    drainCost,
    drainI,
    drainL,
    stepI,
    stepL,
    dNode,
    minEntry,
  };
}

/** Raw cost of arc a lexicographically below that of arc b. */
function lexLess(raw: Float64Array, a: number, b: number): boolean {
  for (let k = 0; k < COST_COMPONENTS; k++) {
    const x = raw[a * COST_COMPONENTS + k];
    const y = raw[b * COST_COMPONENTS + k];
    if (x !== y) return x < y;
  }
  return false;
}
