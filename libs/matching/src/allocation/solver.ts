import { LexLayout, lexLayout, packInto } from './lex';

/*
 * Exact lexicographic min-cost flow on a compressed network.
 *
 * Network (Z is both source and sink, so the flow value is free and only cost is minimised):
 *   Z -> pathway                    cap 1
 *   pathway -> I(c, j)              cap 1, cost (-1 in time, -1 placed, 0, dist, kind, 0), j = last date <= deadline
 *   pathway -> L(c, j)              cap 1, cost (0, -1 placed, days late at j, dist, kind, 0), j = first date > deadline
 *   I(c, j) -> I(c, j-1)            free: an in-time patient can always take an earlier date
 *   L(c, j) -> L(c, j+1)            cost (0, 0, days between the dates, 0, 0, 0): later is later still
 *   I(c, j), L(c, j) -> D(c, j)     free
 *   D(c, j) -> Z                    cap = slots of chain c on date j, cost (0, 0, 0, 0, 0, date index)
 * One chain c per provider with slots; the last component prefers earlier dates among otherwise equal plans.
 * That is O(pathways x providers) arcs instead of one per (pathway, slot) pair.
 *
 * Pathways are inserted one at a time (the Hungarian scheme). Adding the unit arc Z -> p to an optimal
 * circulation and cancelling the cheapest cycle through it, if that cycle is negative, gives an optimal
 * circulation again: any better circulation differs from the old one by cycles of which only the one using
 * Z -> p can be negative. The cheapest such cycle is a shortest path p -> Z in the residual network, found by
 * Dijkstra on reduced costs (Johnson potentials), stopped as soon as Z is settled or no negative cycle is left.
 */

/** Raw cost components, in priority order: -in time, -placed, days late, distance (0.1 km), kind penalty, date index. */
export const COST_COMPONENTS = 6;
const C_DAYS_LATE = 2;
const C_DATE = 5;

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

export interface SolverResult {
  /** Chain each pathway was placed on, or -1. */
  chain: Int32Array;
  /** Index into that chain's days, or -1. */
  dayIndex: Int32Array;
  /** The packing used, exposed for diagnostics and tests. */
  layout: LexLayout;
}

/** Index of the last element <= x in an ascending array, or -1. */
function lastAtOrBefore(days: readonly number[], x: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const NODE_PATHWAY = 1;
const NODE_DRAIN = 2;
const SETTLED = 2;

export function solveAllocation(chains: readonly SolverChain[], pathways: readonly SolverPathway[]): SolverResult {
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

  // Node numbering: Z = 0, pathways 1..nP, then per chain its I, L and D nodes.
  const Z = 0;
  const chainBase: number[] = [];
  let n = 1 + nP;
  for (const c of chains) {
    chainBase.push(n);
    n += 3 * c.days.length;
  }
  const iNode = (c: number, j: number) => chainBase[c] + j;
  const lNode = (c: number, j: number) => chainBase[c] + chains[c].days.length + j;
  const dNode = (c: number, j: number) => chainBase[c] + 2 * chains[c].days.length + j;

  // Arcs: all entry arcs first (pathway by pathway), then the chain arcs.
  const from: number[] = [];
  const to: number[] = [];
  const raw: number[][] = [];
  const entryChain: number[] = [];
  const entryLate: boolean[] = [];
  const entryIndex: number[] = [];
  const pathwayArcStart = new Int32Array(nP + 1);
  const addArc = (u: number, v: number, cost: number[]) => {
    from.push(u);
    to.push(v);
    raw.push(cost);
  };

  /*
   * B[k] bounds component k of any simple residual path from the inserted pathway: its own entry arc and at
   * most one trailing reverse entry (2 x the largest entry cost), one (out - in) entry difference per other
   * pathway passed through, each chain arc at most once, and one drain.
   */
  const maxEntry = new Array<number>(COST_COMPONENTS).fill(0);
  const pathBound = new Array<number>(COST_COMPONENTS).fill(0);
  for (let p = 0; p < nP; p++) {
    pathwayArcStart[p] = from.length;
    const { deadline, options } = pathways[p];
    const seen = new Set<number>();
    for (const o of options) {
      if (!(o.chain >= 0 && o.chain < chains.length) || seen.has(o.chain)) throw new Error('solveAllocation: options must name distinct chains');
      seen.add(o.chain);
      const days = chains[o.chain].days;
      const j = lastAtOrBefore(days, deadline);
      if (j >= 0) {
        addArc(1 + p, iNode(o.chain, j), [-1, -1, 0, o.distTenths, o.kindPenalty, 0]);
        entryChain.push(o.chain);
        entryLate.push(false);
        entryIndex.push(j);
      }
      if (j + 1 < days.length) {
        addArc(1 + p, lNode(o.chain, j + 1), [0, -1, days[j + 1] - deadline, o.distTenths, o.kindPenalty, 0]);
        entryChain.push(o.chain);
        entryLate.push(true);
        entryIndex.push(j + 1);
      }
    }
    for (let k = 0; k < COST_COMPONENTS; k++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let a = pathwayArcStart[p]; a < from.length; a++) {
        lo = Math.min(lo, raw[a][k]);
        hi = Math.max(hi, raw[a][k]);
        maxEntry[k] = Math.max(maxEntry[k], Math.abs(raw[a][k]));
      }
      if (hi >= lo) pathBound[k] += hi - lo;
    }
  }
  pathwayArcStart[nP] = from.length;
  const entryArcs = from.length;
  for (let k = 0; k < COST_COMPONENTS; k++) pathBound[k] += 2 * maxEntry[k];

  const drainI: number[][] = [];
  const drainL: number[][] = [];
  const stepI: number[][] = [];
  const stepL: number[][] = [];
  for (let c = 0; c < chains.length; c++) {
    const days = chains[c].days;
    const k = days.length;
    drainI.push([]);
    drainL.push([]);
    stepI.push([]);
    stepL.push([]);
    pathBound[C_DAYS_LATE] += days[k - 1] - days[0];
    for (let j = 0; j < k; j++) {
      drainI[c].push(from.length);
      addArc(iNode(c, j), dNode(c, j), [0, 0, 0, 0, 0, 0]);
      drainL[c].push(from.length);
      addArc(lNode(c, j), dNode(c, j), [0, 0, 0, 0, 0, 0]);
      stepI[c].push(j > 0 ? from.length : -1);
      if (j > 0) addArc(iNode(c, j), iNode(c, j - 1), [0, 0, 0, 0, 0, 0]);
      stepL[c].push(j + 1 < k ? from.length : -1);
      if (j + 1 < k) addArc(lNode(c, j), lNode(c, j + 1), [0, 0, days[j + 1] - days[j], 0, 0, 0]);
    }
  }
  if (chains.length > 0) pathBound[C_DATE] += maxDay - minDay;

  /*
   * Potentials are path(v) - path(Z) or path(v) (|pi| <= 2B), a pathway's starting potential is <= 2.5B,
   * distances are path + start - pi <= 5.5B and every partial sum formed below stays within 6B. The
   * packing is therefore exact with bound 8B per component; lexLayout throws if even that cannot fit.
   */
  const layout = lexLayout(pathBound.map((b) => 8 * b));
  const K = layout.words;

  // Arc pair a: forward from -> to (entry arcs cap 1, chain arcs uncapacitated), backward while it carries flow.
  const m = from.length;
  const arcFrom = Int32Array.from(from);
  const arcTo = Int32Array.from(to);
  const arcFlow = new Int32Array(m);
  const arcCost = new Float64Array(m * K);
  for (let a = 0; a < m; a++) packInto(layout, raw[a], arcCost, a * K);

  // Static adjacency of chain nodes over chain arcs only; arc codes 2a (forward) and 2a + 1 (backward).
  const adjStart = new Int32Array(n + 1);
  for (let a = entryArcs; a < m; a++) {
    adjStart[arcFrom[a] + 1]++;
    adjStart[arcTo[a] + 1]++;
  }
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v];
  const adj = new Int32Array(2 * (m - entryArcs));
  const fill = adjStart.slice(0, n);
  for (let a = entryArcs; a < m; a++) {
    adj[fill[arcFrom[a]]++] = 2 * a;
    adj[fill[arcTo[a]]++] = 2 * a + 1;
  }
  // Entry arcs carrying flow, listed at their chain node: the only entry arcs usable backwards.
  const usedHead = new Int32Array(n).fill(-1);
  const usedNext = new Int32Array(entryArcs);
  const usedPrev = new Int32Array(entryArcs);
  const setEntryFlow = (a: number, flow: number) => {
    arcFlow[a] = flow;
    const v = arcTo[a];
    if (flow === 1) {
      usedPrev[a] = -1;
      usedNext[a] = usedHead[v];
      if (usedHead[v] >= 0) usedPrev[usedHead[v]] = a;
      usedHead[v] = a;
    } else {
      if (usedPrev[a] >= 0) usedNext[usedPrev[a]] = usedNext[a];
      else usedHead[v] = usedNext[a];
      if (usedNext[a] >= 0) usedPrev[usedNext[a]] = usedPrev[a];
    }
  };

  // Implicit arcs into Z: from drain nodes with spare slots, and from placed pathways (giving the place up).
  const nodeType = new Uint8Array(n);
  const drainCap = new Int32Array(n);
  const drainUsed = new Int32Array(n);
  const drainCost = new Float64Array(n * K);
  const matched = new Uint8Array(n);
  for (let p = 0; p < nP; p++) nodeType[1 + p] = NODE_PATHWAY;
  const rawDrain = new Array<number>(COST_COMPONENTS).fill(0);
  for (let c = 0; c < chains.length; c++) {
    for (let j = 0; j < chains[c].days.length; j++) {
      const v = dNode(c, j);
      nodeType[v] = NODE_DRAIN;
      drainCap[v] = chains[c].capacity[j];
      rawDrain[C_DATE] = chains[c].days[j] - minDay;
      packInto(layout, rawDrain, drainCost, v * K);
    }
  }

  const pi = new Float64Array(n * K); // pi(Z) stays 0 throughout
  const search = new LexSearch(n, K);
  const dist = search.dist;
  const state = search.state;
  const parentArc = search.parent;
  const settled = new Int32Array(n);
  const tmp = search.tmp;
  const base = new Float64Array(K);
  const limit = new Float64Array(K);
  let zParent = -1;

  // Distances at or beyond the cutoff can never be settled: min(limit, tentative d(Z)); Z wins ties.
  const cutoff = new Float64Array(K);
  const belowCutoff = (): boolean => {
    for (let w = 0; w < K; w++) {
      const x = tmp[w];
      if (x !== cutoff[w]) return x < cutoff[w];
    }
    return false;
  };
  const offerZ = (from: number) => {
    if (!belowCutoff() || !search.offer(Z)) return;
    zParent = from;
    cutoff.set(tmp);
  };
  const relaxForward = (a: number, v: number) => {
    const co = a * K;
    const vo = v * K;
    for (let w = 0; w < K; w++) tmp[w] = base[w] + arcCost[co + w] - pi[vo + w];
    if (belowCutoff() && search.offer(v)) parentArc[v] = 2 * a;
  };
  const relaxBackward = (a: number, v: number) => {
    const co = a * K;
    const vo = v * K;
    for (let w = 0; w < K; w++) tmp[w] = base[w] - arcCost[co + w] - pi[vo + w];
    if (belowCutoff() && search.offer(v)) parentArc[v] = 2 * a + 1;
  };
  /** True when packed value at offset o of arr is lexicographically >= limit. */
  const atLimit = (arr: Float64Array, o: number): boolean => {
    for (let w = 0; w < K; w++) {
      const x = arr[o + w];
      if (x !== limit[w]) return x > limit[w];
    }
    return true;
  };

  const insert = (p: number) => {
    const src = 1 + p;
    const so = src * K;
    const a0 = pathwayArcStart[p];
    const a1 = pathwayArcStart[p + 1];
    if (a0 === a1) return;
    // Start potential: the smallest keeping every entry arc's reduced cost >= 0.
    for (let a = a0; a < a1; a++) {
      const vo = arcTo[a] * K;
      const co = a * K;
      for (let w = 0; w < K; w++) tmp[w] = pi[vo + w] - arcCost[co + w];
      let larger = a === a0;
      for (let w = 0; w < K && !larger; w++) {
        if (tmp[w] !== pi[so + w]) {
          larger = tmp[w] > pi[so + w];
          break;
        }
      }
      if (larger) for (let w = 0; w < K; w++) pi[so + w] = tmp[w];
    }
    // A cycle through Z -> p costs d(Z) - pi(p), so it can only be negative while distances stay below pi(p).
    for (let w = 0; w < K; w++) limit[w] = pi[so + w];
    cutoff.set(limit);

    for (let w = 0; w < K; w++) tmp[w] = 0;
    search.offer(src);
    let settledCount = 0;
    let reached = false;
    while (search.size > 0) {
      const u = search.top();
      const uo = u * K;
      if (atLimit(dist, uo)) break;
      search.pop();
      state[u] = SETTLED;
      settled[settledCount++] = u;
      if (u === Z) {
        reached = true;
        break;
      }
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] + pi[uo + w];
      if (nodeType[u] === NODE_PATHWAY) {
        if (matched[u] === 1) {
          for (let w = 0; w < K; w++) tmp[w] = base[w];
          offerZ(u);
        }
        const end = pathwayArcStart[u];
        for (let a = pathwayArcStart[u - 1]; a < end; a++) {
          if (arcFlow[a] === 0 && state[arcTo[a]] !== SETTLED) relaxForward(a, arcTo[a]);
        }
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && drainUsed[u] < drainCap[u]) {
        for (let w = 0; w < K; w++) tmp[w] = base[w] + drainCost[uo + w];
        offerZ(u);
      }
      for (let e = adjStart[u], end = adjStart[u + 1]; e < end; e++) {
        const code = adj[e];
        const a = code >> 1;
        if ((code & 1) === 0) {
          if (state[arcTo[a]] !== SETTLED) relaxForward(a, arcTo[a]);
        } else if (arcFlow[a] > 0 && state[arcFrom[a]] !== SETTLED) {
          relaxBackward(a, arcFrom[a]);
        }
      }
      for (let a = usedHead[u]; a >= 0; a = usedNext[a]) {
        if (state[arcFrom[a]] !== SETTLED) relaxBackward(a, arcFrom[a]);
      }
    }

    /*
     * Keep potentials feasible with pi(Z) = 0: settled nodes (all with d < D) get pi += d - D, the rest keep
     * theirs, where D = d(Z) if Z was settled and the limit pi(p) otherwise.
     */
    const D = reached ? dist : limit;
    const Do = reached ? Z * K : 0;
    for (let i = 0; i < settledCount; i++) {
      const vo = settled[i] * K;
      for (let w = 0; w < K; w++) pi[vo + w] += dist[vo + w] - D[Do + w];
    }
    if (reached) {
      const last = zParent;
      if (nodeType[last] === NODE_DRAIN) drainUsed[last]++;
      else matched[last] = 0;
      let v = last;
      while (v !== src) {
        const code = parentArc[v];
        const a = code >> 1;
        const forward = (code & 1) === 0;
        if (a < entryArcs) setEntryFlow(a, forward ? 1 : 0);
        else arcFlow[a] += forward ? 1 : -1;
        v = forward ? arcFrom[a] : arcTo[a];
      }
      matched[src] = 1;
    }
    search.reset();
  };

  /*
   * Any insertion order gives an optimal plan; this one only saves work. Pathways that can be in time come
   * first and the nearest of them before the farther, so later insertions seldom displace earlier ones.
   */
  const canBeInTime = pathways.map((pw) => pw.options.some((o) => chains[o.chain].days[0] <= pw.deadline));
  const nearest = pathways.map((pw) => pw.options.reduce((min, o) => Math.min(min, o.distTenths), Infinity));
  const order = Array.from({ length: nP }, (_, p) => p).sort(
    (a, b) =>
      Number(canBeInTime[b]) - Number(canBeInTime[a]) || nearest[a] - nearest[b] || pathways[a].deadline - pathways[b].deadline || a - b,
  );
  for (const p of order) insert(p);

  return { ...decompose(), layout };

  /** Turn chain flows into one date per placed pathway: earliest deadlines get the earliest dates. */
  function decompose(): { chain: Int32Array; dayIndex: Int32Array } {
    const chainOf = new Int32Array(nP).fill(-1);
    const dayOf = new Int32Array(nP).fill(-1);
    const enterI: number[][][] = chains.map((c) => c.days.map(() => []));
    const enterL: number[][][] = chains.map((c) => c.days.map(() => []));
    for (let p = 0; p < nP; p++) {
      for (let a = pathwayArcStart[p]; a < pathwayArcStart[p + 1]; a++) {
        if (arcFlow[a] === 0) continue;
        (entryLate[a] ? enterL : enterI)[entryChain[a]][entryIndex[a]].push(p);
      }
    }
    const byDeadline = (a: number, b: number) => pathways[a].deadline - pathways[b].deadline || a - b;
    const place = (p: number, c: number, j: number) => {
      chainOf[p] = c;
      dayOf[p] = j;
    };
    for (let c = 0; c < chains.length; c++) {
      const k = chains[c].days.length;
      // In time: walk from the latest date down; the least urgent keep the later dates.
      let carried: number[] = [];
      for (let j = k - 1; j >= 0; j--) {
        carried.push(...enterI[c][j]);
        carried.sort(byDeadline);
        const drain = arcFlow[drainI[c][j]];
        for (const p of carried.splice(carried.length - drain, drain)) place(p, c, j);
        if (carried.length !== (j > 0 ? arcFlow[stepI[c][j]] : 0)) throw new Error('solveAllocation: in-time chain flow is not conserved');
      }
      // Late: walk from the earliest date up; the most overdue take the earliest dates.
      carried = [];
      for (let j = 0; j < k; j++) {
        carried.push(...enterL[c][j]);
        carried.sort(byDeadline);
        const drain = arcFlow[drainL[c][j]];
        for (const p of carried.splice(0, drain)) place(p, c, j);
        if (carried.length !== (j + 1 < k ? arcFlow[stepL[c][j]] : 0)) throw new Error('solveAllocation: late chain flow is not conserved');
      }
    }
    return { chain: chainOf, dayIndex: dayOf };
  }
}


/**
 * Dijkstra bookkeeping over packed lexicographic distances: an indexed binary heap ordered by distance, then
 * node id (so Z, id 0, wins ties and ends a search early), with the touched nodes remembered for a cheap reset.
 */
class LexSearch {
  readonly dist: Float64Array;
  /** 0 unseen, 1 queued, SETTLED. */
  readonly state: Uint8Array;
  readonly parent: Int32Array;
  /** The candidate distance offer() reads. */
  readonly tmp: Float64Array;
  size = 0;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(
    n: number,
    private readonly K: number,
  ) {
    this.dist = new Float64Array(n * K);
    this.state = new Uint8Array(n);
    this.parent = new Int32Array(n);
    this.tmp = new Float64Array(K);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /** Offer distance tmp to unsettled node v; true when it became v's distance. */
  offer(v: number): boolean {
    const { K, dist, tmp } = this;
    const vo = v * K;
    if (this.state[v] === 0) {
      this.state[v] = 1;
      this.touched[this.touchedCount++] = v;
      this.pos[v] = this.size++;
    } else {
      let w = 0;
      while (w < K && tmp[w] === dist[vo + w]) w++;
      if (w === K || tmp[w] > dist[vo + w]) return false;
    }
    for (let w = 0; w < K; w++) dist[vo + w] = tmp[w];
    this.siftUp(v);
    return true;
  }

  top(): number {
    return this.heap[0];
  }

  pop(): number {
    const { heap, pos } = this;
    const top = heap[0];
    const last = heap[--this.size];
    const size = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], last)) break;
      heap[i] = heap[child];
      pos[heap[i]] = i;
      i = child;
    }
    if (size > 0) {
      heap[i] = last;
      pos[last] = i;
    }
    return top;
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.state[this.touched[i]] = 0;
    this.touchedCount = 0;
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    const { K, dist } = this;
    const ao = a * K;
    const bo = b * K;
    for (let w = 0; w < K; w++) {
      const x = dist[ao + w];
      const y = dist[bo + w];
      if (x !== y) return x < y;
    }
    return a < b;
  }

  private siftUp(v: number): void {
    const { heap, pos } = this;
    let i = pos[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const u = heap[parent];
      if (!this.less(v, u)) break;
      heap[i] = u;
      pos[u] = i;
      i = parent;
    }
    heap[i] = v;
    pos[v] = i;
  }
}
