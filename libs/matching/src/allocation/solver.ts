import { decompose } from './decompose';
import { compareWords, LexLayout, unpack } from './lex';
import { LexSearch, SETTLED } from './lex-heap';
import { solveByLevels } from './levels';
import { buildNetwork, Network, NODE_DRAIN, NODE_PATHWAY, SolverChain, SolverPathway } from './network';
import { UnitFlow } from './unit-flow';

export type { SolverChain, SolverOption, SolverPathway } from './network';
export { COST_COMPONENTS } from './network';

/*
 * solveAllocation: the default method solves the objective level by level (levels.ts: level A on an aggregated
 * network, level B on the network restricted by level A's dual). The `insert` option selects the direct method
 * below instead, kept as an independent exact solver the tests compare the default against.
 *
 * Direct method: exact lexicographic min-cost flow on the (provider, date) transportation network of network.ts, by
 * successive shortest paths with Johnson potentials: one unit of supply or of capacity is added at a time,
 * and the cheapest cycle through it, if negative, is cancelled.
 *
 * Why that is optimal: add one unit of capacity to an arc of an optimal circulation. Any better circulation
 * differs from the old one by cycles of which only one, the one using the new unit, can be negative; the
 * cheapest such cycle is a shortest path between the arc's ends in the residual network. Dijkstra finds it on
 * reduced costs (all >= 0 under the potentials), stopped as soon as Z is settled or no negative cycle is left,
 * and the potentials are then updated so they stay feasible. Every potential is also the dual of the final
 * plan, which is what the optimality certificate (allocate's certificate()) is built from.
 *
 * Which units are added is a choice of speed only, the optimum is the same:
 * - `pathways` (the Hungarian scheme): every slot is present from the start, pathways arrive one by one (arc
 *   Z -> p). A Dijkstra forward from p to Z. Fast when slots are plentiful: the new pathway usually finds a
 *   free slot after a few displacements.
 * - `slots` (roles swapped): every pathway is present from the start, slot capacity arrives one unit at a time
 *   (arc D -> Z). A Dijkstra backwards from D to Z, which ends at the first pathway still waiting. When
 *   pathways outnumber slots, inserting pathways would make every pathway that finally gets nothing search
 *   the whole network to prove it; inserting slots ends each search at the first of the many waiting pathways.
 */

export type InsertionOrder = 'pathways' | 'slots';

export interface SolverOptions {
  /**
   * Use the direct method, inserting these units. Default: the level-by-level method. The direct method is much
   * slower when many pathways are late (see levels.ts); it stays as a cross-check.
   */
  insert?: InsertionOrder;
}

export interface SolverResult {
  /** Chain each pathway was placed on, or -1. */
  chain: Int32Array;
  /** Index into that chain's days, or -1. */
  dayIndex: Int32Array;
  /**
   * Price of each slot of chain c on date j (raw cost components, >= 0, lexicographic): the dual of its
   * capacity. price[c][j] is positive only where every slot of the date is used.
   */
  price: number[][][];
  /** The packing used, exposed for diagnostics and tests. */
  layout: LexLayout;
  /** Method ('levels', or the direct method's insertion order), and how many nodes the searches settled in all. */
  stats: { insert: InsertionOrder | 'levels'; settled: number; words: number };
}

export function solveAllocation(
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  options: SolverOptions = {},
): SolverResult {
  if (!options.insert) {
    const r = solveByLevels(chains, pathways);
    return {
      chain: r.chain,
      dayIndex: r.dayIndex,
      price: r.price,
      layout: r.layout,
      stats: { insert: 'levels', settled: r.settled, words: r.words },
    };
  }
  const insert = options.insert;
  const net = buildNetwork(chains, pathways);
  const flow = new FlowState(net);
  if (insert === 'pathways') insertPathways(flow, chains, pathways);
  else insertSlots(flow, chains);
  return {
    ...decompose(net, chains, pathways, flow.arcFlow),
    price: prices(flow, chains),
    layout: net.layout,
    stats: { insert, settled: flow.settledTotal, words: net.K },
  };
}

/** Pathways that can be in time first, the nearest of them first, so later insertions seldom displace earlier ones. */
function insertPathways(flow: FlowState, chains: readonly SolverChain[], pathways: readonly SolverPathway[]): void {
  const net = flow.net;
  for (let v = 0; v < net.n; v++) if (net.nodeType[v] === NODE_DRAIN) flow.drainCap[v] = net.capacity[v];
  const canBeInTime = pathways.map((pw) => pw.options.some((o) => chains[o.chain].days[0] <= pw.deadline));
  const nearest = pathways.map((pw) => pw.options.reduce((min, o) => Math.min(min, o.distTenths), Infinity));
  const order = Array.from({ length: pathways.length }, (_, p) => p).sort(
    (a, b) =>
      Number(canBeInTime[b]) - Number(canBeInTime[a]) ||
      nearest[a] - nearest[b] ||
      pathways[a].deadline - pathways[b].deadline ||
      a - b,
  );
  for (const p of order) flow.insertPathway(p);
}

/** Earliest dates first: they are the most wanted, so later units seldom displace earlier ones. */
function insertSlots(flow: FlowState, chains: readonly SolverChain[]): void {
  const net = flow.net;
  // Every pathway is present (Z -> p open), no capacity yet: the empty flow is optimal. Potentials: 0 at Z and
  // the pathways, the smallest entry cost at every chain node, which keeps every reduced cost >= 0.
  for (let v = 1 + net.nP; v < net.n; v++) flow.pi.set(net.minEntry, v * net.K);
  flow.prepareSlotInsertion();
  const units: [number, number, number][] = [];
  chains.forEach((c, ci) => c.days.forEach((day, j) => units.push([day, ci, j])));
  units.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, c, j] of units) {
    const d = net.dNode(c, j);
    for (let u = 0; u < chains[c].capacity[j]; u++) flow.insertSlot(d);
  }
}

/** Price of a slot of group (c, j): max(0, -pi(D) - drain cost), unpacked. */
function prices(flow: FlowState, chains: readonly SolverChain[]): number[][][] {
  const { net, pi } = flow;
  const { K, layout } = net;
  const w = new Float64Array(K);
  return chains.map((c, ci) =>
    c.days.map((_, j) => {
      const vo = net.dNode(ci, j) * K;
      for (let k = 0; k < K; k++) w[k] = -pi[vo + k] - net.drainCost[vo + k];
      let positive = false;
      for (let k = 0; k < K; k++) {
        if (w[k] !== 0) {
          positive = w[k] > 0;
          break;
        }
      }
      return positive ? unpack(layout, w) : new Array<number>(layout.components).fill(0);
    }),
  );
}

/**
 * The circulation, its potentials and the two insertion steps. Implicit arcs: Z -> p (open when the pathway is
 * present, `matched` when it carries flow) and D -> Z (`drainCap`, `drainUsed`). pi(Z) stays 0 throughout.
 */
class FlowState {
  readonly arcFlow: Int32Array;
  private readonly unit: UnitFlow;
  readonly pi: Float64Array;
  readonly drainCap: Int32Array;
  readonly drainUsed: Int32Array;
  readonly matched: Uint8Array;
  settledTotal = 0;
  private readonly matchedEntry: Int32Array;
  private readonly usedHead: Int32Array;
  private readonly usedNext: Int32Array;
  private readonly search: LexSearch;
  private readonly settled: Int32Array;
  private settledCount = 0;
  private readonly base: Float64Array;
  private readonly limit: Float64Array;
  /** Distances at or beyond the cutoff can never be settled: min(limit, tentative d(Z)); Z wins ties. */
  private readonly cutoff: Float64Array;
  /** Node Z was last offered from, and whether through a drain (D -> Z, or Z -> D backwards) or a pathway. */
  private zParent = -1;
  /** Slot insertion only: per chain node, the next sorted entry to look at for a waiting pathway. */
  private waitPtr: Int32Array = new Int32Array(0);
  /** Slot insertion only: entry arcs of placed pathways, listed at their chain node. */
  private placedHead: Int32Array = new Int32Array(0);
  private placedNext: Int32Array = new Int32Array(0);

  constructor(readonly net: Network) {
    const { n, K } = net;
    this.unit = new UnitFlow(net);
    ({ arcFlow: this.arcFlow, matchedEntry: this.matchedEntry } = this.unit);
    ({ usedHead: this.usedHead, usedNext: this.usedNext } = this.unit);
    this.pi = new Float64Array(n * K);
    this.drainCap = new Int32Array(n);
    this.drainUsed = new Int32Array(n);
    this.matched = new Uint8Array(n);
    this.search = new LexSearch(n, K);
    this.settled = new Int32Array(n);
    this.base = new Float64Array(K);
    this.limit = new Float64Array(K);
    this.cutoff = new Float64Array(K);
  }

  /** Add pathway p (arc Z -> p) and cancel the cheapest cycle through it: Dijkstra forward from p to Z. */
  insertPathway(p: number): void {
    const { net, pi, search, base, limit, cutoff } = this;
    const { K, arcTo, arcFrom, arcCost, pathwayArcStart, nodeType, adjStart, adj, drainCost } = net;
    const { dist, state, tmp } = search;
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
      if (a === a0 || compareWords(tmp, 0, pi, so, K) > 0) for (let w = 0; w < K; w++) pi[so + w] = tmp[w];
    }
    // A cycle through Z -> p costs d(Z) - pi(p), so it can only be negative while distances stay below pi(p).
    for (let w = 0; w < K; w++) limit[w] = pi[so + w];
    cutoff.set(limit);

    tmp.fill(0);
    search.offer(src);
    let reached = false;
    while (search.size > 0) {
      const u = search.top();
      const uo = u * K;
      if (compareWords(dist, uo, limit, 0, K) >= 0) break;
      search.pop();
      this.settle(u);
      if (u === 0) {
        reached = true;
        break;
      }
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] + pi[uo + w];
      if (nodeType[u] === NODE_PATHWAY) {
        if (this.matched[u] === 1) {
          tmp.set(base); // give the place up: p -> Z, reverse of Z -> p
          this.offerZ(u);
        }
        const end = pathwayArcStart[u];
        for (let a = pathwayArcStart[u - 1]; a < end; a++) {
          if (this.arcFlow[a] === 0 && state[arcTo[a]] !== SETTLED) this.relax(a, arcTo[a], 1);
        }
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && this.drainUsed[u] < this.drainCap[u]) {
        for (let w = 0; w < K; w++) tmp[w] = base[w] + drainCost[uo + w];
        this.offerZ(u);
      }
      for (let e = adjStart[u], end = adjStart[u + 1]; e < end; e++) {
        const code = adj[e];
        const a = code >> 1;
        if ((code & 1) === 0) {
          if (state[arcTo[a]] !== SETTLED) this.relax(a, arcTo[a], 1);
        } else if (this.arcFlow[a] > 0 && state[arcFrom[a]] !== SETTLED) {
          this.relax(a, arcFrom[a], -1);
        }
      }
      for (let a = this.usedHead[u]; a >= 0; a = this.usedNext[a]) {
        if (state[arcFrom[a]] !== SETTLED) this.relax(a, arcFrom[a], -1);
      }
    }

    // Settled nodes (all with d < D) get pi += d - D, where D = d(Z) if Z was settled, else the limit pi(p).
    this.updatePotentials(reached ? dist : limit, 1);
    if (reached) {
      const last = this.zParent;
      if (nodeType[last] === NODE_DRAIN) this.drainUsed[last]++;
      else this.matched[last] = 0;
      let v = last;
      while (v !== src) {
        const code = search.parent[v];
        const a = code >> 1;
        const forward = (code & 1) === 0;
        this.push(a, forward ? 1 : -1);
        v = forward ? arcFrom[a] : arcTo[a];
      }
      this.matched[src] = 1;
    }
    search.reset();
  }

  /** Add one slot of drain d (arc D -> Z) and cancel the cheapest cycle through it: Dijkstra backwards from D to Z. */
  insertSlot(d: number): void {
    const { net, pi, search, base, limit, cutoff } = this;
    const { K, arcTo, arcFrom, arcCost, nodeType, adjStart, adj, drainCost, inStart, inArcs } = net;
    const { dist, state, tmp } = search;
    this.drainCap[d]++;
    // Reduced cost r of the new unit D -> Z; a cycle through it costs r + (distance Z ~> D), so it can only be
    // negative while distances stay below -r.
    const doff = d * K;
    for (let w = 0; w < K; w++) limit[w] = -(drainCost[doff + w] + pi[doff + w]);
    let positive = false;
    for (let w = 0; w < K; w++) {
      if (limit[w] !== 0) {
        positive = limit[w] > 0;
        break;
      }
    }
    if (!positive) return;
    cutoff.set(limit);

    tmp.fill(0);
    search.offer(d);
    let reached = false;
    while (search.size > 0) {
      const u = search.top();
      const uo = u * K;
      if (compareWords(dist, uo, limit, 0, K) >= 0) break;
      search.pop();
      this.settle(u);
      if (u === 0) {
        reached = true;
        break;
      }
      // Walking residual arcs x -> u backwards: candidate dist(x) = c(x, u) + pi(x) - pi(u) + dist(u).
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] - pi[uo + w];
      if (nodeType[u] === NODE_PATHWAY) {
        if (this.matched[u] === 0) {
          tmp.set(base); // Z -> p is open: the pathway is waiting
          this.offerZ(u);
        } else {
          const a = this.matchedEntry[u];
          const v = arcTo[a];
          if (state[v] !== SETTLED) this.relaxBack(a, v, -1);
        }
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && this.drainUsed[u] > 0) {
        for (let w = 0; w < K; w++) tmp[w] = base[w] - drainCost[uo + w]; // Z -> D: a slot of D is given back
        this.offerZ(u);
      }
      for (let e = adjStart[u], end = adjStart[u + 1]; e < end; e++) {
        const code = adj[e];
        const a = code >> 1;
        if ((code & 1) === 1) {
          if (state[arcFrom[a]] !== SETTLED) this.relaxBack(a, arcFrom[a], 1);
        } else if (this.arcFlow[a] > 0 && state[arcTo[a]] !== SETTLED) {
          this.relaxBack(a, arcTo[a], -1);
        }
      }
      // Waiting pathways: their only way on is Z -> q at reduced cost 0 (a waiting pathway's potential stays 0,
      // it is never settled in this mode), so only the cheapest of them matters, and Z is offered through it
      // directly. Entries are sorted by cost once, and pathways never stop being placed in this mode, so a
      // pointer per node that skips placed pathways finds it in amortised constant time.
      const end = inStart[u + 1];
      let e = this.waitPtr[u];
      while (e < end && this.matched[arcFrom[inArcs[e]]] === 1) e++;
      this.waitPtr[u] = e;
      if (e < end) {
        const a = inArcs[e];
        const co = a * K;
        for (let w = 0; w < K; w++) tmp[w] = base[w] + arcCost[co + w];
        if (this.belowCutoff() && search.offer(0)) {
          this.zParent = arcFrom[a];
          this.cutoff.set(tmp);
          search.parent[arcFrom[a]] = 2 * a;
        }
      }
      // Placed pathways that could move here.
      for (let a = this.placedHead[u]; a >= 0; a = this.placedNext[a]) {
        if (this.arcFlow[a] === 0 && state[arcFrom[a]] !== SETTLED) this.relaxBack(a, arcFrom[a], 1);
      }
    }

    // Settled nodes (all with dist < D) get pi += D - dist, where D = dist(Z) if Z was settled, else the limit.
    this.updatePotentials(reached ? dist : limit, -1);
    if (reached) {
      const first = this.zParent;
      if (nodeType[first] === NODE_DRAIN) this.drainUsed[first]--;
      else this.place(first);
      let v = first;
      while (v !== d) {
        const code = search.parent[v];
        const a = code >> 1;
        const forward = (code & 1) === 0;
        this.push(a, forward ? 1 : -1);
        v = forward ? arcTo[a] : arcFrom[a];
      }
      this.drainUsed[d]++;
    }
    search.reset();
  }

  /** Prepare slot insertion: entries at each chain node sorted by cost (net.inArcs is rearranged in place). */
  prepareSlotInsertion(): void {
    const { net } = this;
    const { n, K, inStart, inArcs, arcCost } = net;
    for (let v = 0; v < n; v++) {
      const lo = inStart[v];
      const hi = inStart[v + 1];
      if (hi - lo < 2) continue;
      const sorted = Array.from(inArcs.subarray(lo, hi)).sort(
        (a, b) => compareWords(arcCost, a * K, arcCost, b * K, K) || a - b,
      );
      inArcs.set(sorted, lo);
    }
    this.waitPtr = inStart.slice(0, n);
    this.placedHead = new Int32Array(n).fill(-1);
    this.placedNext = new Int32Array(net.entryArcs).fill(-1);
  }

  /** A waiting pathway gets its place (slot insertion): its entries become moves for later searches. */
  private place(q: number): void {
    this.matched[q] = 1;
    const { pathwayArcStart, arcTo } = this.net;
    for (let a = pathwayArcStart[q - 1]; a < pathwayArcStart[q]; a++) {
      this.placedNext[a] = this.placedHead[arcTo[a]];
      this.placedHead[arcTo[a]] = a;
    }
  }

  private settle(u: number): void {
    this.search.state[u] = SETTLED;
    this.settled[this.settledCount++] = u;
  }

  /** Forward search: offer tmp = base + sign * c(a) - pi(v) to v; parent code 2a (forward) or 2a + 1 (backward use). */
  private relax(a: number, v: number, sign: 1 | -1): void {
    const { K, arcCost } = this.net;
    const { tmp } = this.search;
    const co = a * K;
    const vo = v * K;
    for (let w = 0; w < K; w++) tmp[w] = this.base[w] + sign * arcCost[co + w] - this.pi[vo + w];
    if (this.belowCutoff() && this.search.offer(v)) this.search.parent[v] = sign === 1 ? 2 * a : 2 * a + 1;
  }

  /** Backward search: offer tmp = base + sign * c(a) + pi(x) to x (x is the residual arc's tail). */
  private relaxBack(a: number, x: number, sign: 1 | -1): void {
    const { K, arcCost } = this.net;
    const { tmp } = this.search;
    const co = a * K;
    const xo = x * K;
    for (let w = 0; w < K; w++) tmp[w] = this.base[w] + sign * arcCost[co + w] + this.pi[xo + w];
    if (this.belowCutoff() && this.search.offer(x)) this.search.parent[x] = sign === 1 ? 2 * a : 2 * a + 1;
  }

  private belowCutoff(): boolean {
    const { tmp } = this.search;
    const { cutoff } = this;
    for (let w = 0; w < cutoff.length; w++) {
      const x = tmp[w];
      if (x !== cutoff[w]) return x < cutoff[w];
    }
    return false;
  }

  private offerZ(from: number): void {
    if (!this.belowCutoff() || !this.search.offer(0)) return;
    this.zParent = from;
    this.cutoff.set(this.search.tmp);
  }

  /** pi += sign * (dist - D) for every settled node, D = distance of Z (or the limit); then forget them. */
  private updatePotentials(D: Float64Array, sign: 1 | -1): void {
    const { K } = this.net;
    const { dist } = this.search;
    const { pi, settled } = this;
    // D is either dist itself (at Z = node 0, offset 0) or the limit (offset 0).
    for (let i = 0; i < this.settledCount; i++) {
      const vo = settled[i] * K;
      for (let w = 0; w < K; w++) pi[vo + w] += sign * (dist[vo + w] - D[w]);
    }
    this.settledTotal += this.settledCount;
    this.settledCount = 0;
  }

  private push(a: number, delta: 1 | -1): void {
    this.unit.push(a, delta);
  }
}
