import { ClassEntryHeaps } from './class-entries';
import { compareWords } from './lex';
import { LexSearch, SETTLED } from './lex-heap';
import { Network, NODE_DRAIN, NODE_PATHWAY } from './network';
import { UnitFlow } from './unit-flow';

/*
 * Level B of the lexicographic objective, (distance, kind penalty, date), on the full (provider, date) network
 * restricted by level A's optimal dual (levels.ts): every arc is
 *   REMOVED  (positive level-A reduced cost: no level-A optimal plan uses it),
 *   FREE     (zero: level B decides), or
 *   FORCED   (negative: every level-A optimal plan uses it to capacity: a pathway that must be placed, a drain
 *             whose slots must all be used, a pathway that must take one particular entry).
 * Every flow that respects this is level-A optimal and vice versa, so the best of them on level B is the
 * lexicographic optimum. Forced arcs are lower bounds: they are saturated up front, which leaves each forced
 * pathway with one unit of excess, each forced drain with a deficit of its capacity, and Z (source and sink of
 * the circulation) with the balance in between (bZ > 0: Z must place that many optional pathways; bZ < 0: that
 * many units must end in drains that are free).
 *
 * The balances are then cleared by successive shortest paths with Johnson potentials, in two phases:
 * 1. forward from each forced pathway to the nearest deficit (a forced drain with room, or Z while bZ < 0);
 * 2. backward from each forced drain still short to Z, which must then place an optional pathway.
 * Both keep every residual arc's reduced cost >= 0, so the final flow is optimal whatever the order.
 *
 * Why this is fast where the direct lexicographic search (solver.ts) is not: there, ties in the leading
 * components (every late pathway is as late wherever the late dates go) make each search settle most of the
 * network before the first path one day later. Here those components are settled already; what is left is
 * distance, which rarely ties, and each pathway keeps only its level-A-tight arcs.
 *
 * Pathways that are interchangeable in level B (same free entries: same chain nodes at the same costs, and the same
 * state of Z -> p; at national scale the overdue pathways of one municipality, whatever their deadline) form a
 * class. Within one search, expanding a member relaxes the same arcs with the same values as expanding another at
 * the same base distance d(q) + pi(q); so a member is still settled (its potential must move with the others) but
 * only expanded when its base is below the best base its class was expanded at in this search. In the late and
 * overdue end game most settled nodes are placed pathways of a few classes, so this skips most of the scanning.
 * An expanded class's entries are then relaxed lazily, cheapest reduced cost first, from a heap per class
 * (class-entries.ts): in the end game almost all of them lie beyond the distance of the search's target, and those
 * are never touched. The heaps' keys are lower bounds while potentials only decrease, i.e. during phase 1, the
 * only phase that searches forward.
 *
 * The optional pathways waiting to be placed are reached through Z. Only the cheapest of them per chain node can be
 * on a shortest path (Z -> q -> v costs pi(Z) + c(q, v) - pi(v) whatever pi(q)), so entries are sorted by cost once
 * and a pointer per node skips those no longer waiting, as in the direct solver's slot insertion.
 */

export const REMOVED = 0;
export const FREE = 1;
export const FORCED = 2;

export interface Restriction {
  /** Per arc of the network (entry and chain arcs): REMOVED, FREE or FORCED. */
  arcState: Uint8Array;
  /** Per node: for a pathway the state of Z -> p, for a drain that of D -> Z. */
  nodeState: Uint8Array;
}

/** Parent code of a node entered from Z (Z -> p places p; Z -> D gives one of D's slots back). */
const FROM_Z = -1;
/** Parent code of Z entered from node x (D -> Z uses a slot of D; p -> Z unplaces p): -(2 + x). */
const intoZ = (x: number) => -(2 + x);

export class RestrictedFlow {
  readonly arcFlow: Int32Array;
  private readonly unit: UnitFlow;
  readonly pi: Float64Array;
  readonly drainUsed: Int32Array;
  readonly matched: Uint8Array;
  settledTotal = 0;
  /** Balance of Z: > 0 optional pathways still to place, < 0 units still to end in free drains. */
  private bZ = 0;
  private readonly arcState: Uint8Array;
  private readonly nodeState: Uint8Array;
  private readonly matchedEntry: Int32Array;
  private readonly usedHead: Int32Array;
  private readonly usedNext: Int32Array;
  /** Entry arcs of placed pathways, listed at their chain node (moves for backward searches). */
  private readonly placedHead: Int32Array;
  private readonly placedNext: Int32Array;
  /** Whether an entry arc is on its chain node's placed list (lists are append-only: see place()). */
  private readonly onPlacedList: Uint8Array;
  /** Free entry arcs of each pathway node u: freeArcs[freeStart[u - 1] .. freeStart[u]). */
  private readonly freeStart: Int32Array;
  private readonly freeArcs: Int32Array;
  /** Free entries of optional pathways by chain node, cheapest first: optArcs[optStart[v] .. optStart[v + 1]). */
  private readonly optStart: Int32Array;
  private readonly optArcs: Int32Array;
  /** Per chain node, the first of its optional entries whose pathway may still be waiting; position of each. */
  private readonly waitPtr: Int32Array;
  private readonly optPos: Int32Array;
  /** Chain nodes with optional entries, and all drains. */
  private readonly optNodes: Int32Array;
  private readonly drains: Int32Array;
  private readonly search: LexSearch;
  private readonly settled: Int32Array;
  private settledCount = 0;
  /** Nodes a forward search settled through a tight chain arc and has yet to scan. */
  private readonly tight: Int32Array;
  private readonly base: Float64Array;
  private readonly cutoff: Float64Array;
  /** Level-B class of each pathway node (see above); per class the least base expanded in the current search. */
  private readonly classOf: Int32Array;
  private readonly classBase: Float64Array;
  private readonly classStamp: Int32Array;
  private readonly classCount: number;
  private searchId = 0;
  /**
   * The classes' free entries in lazy heaps (class-entries.ts). A class expanded in a forward search is a "cursor"
   * in the search's heap (node id n + class) at key base + its least stored entry key; popping it relaxes that one
   * entry, through the member that expanded the class (cursorMember), and puts the cursor back at the next key.
   */
  private readonly entries: ClassEntryHeaps;
  private readonly cursorMember: Int32Array;
  private readonly cursorInHeap: Uint8Array;
  /** The stored entry keys are lower bounds only while pi does not increase: true until phase 2 starts. */
  private keysValid = true;

  constructor(
    readonly net: Network,
    restriction: Restriction,
  ) {
    const { n, K, nP, entryArcs, nodeType, arcCost, arcTo, pathwayArcStart } = net;
    this.arcState = restriction.arcState;
    this.nodeState = restriction.nodeState;
    this.unit = new UnitFlow(net);
    ({ arcFlow: this.arcFlow, matchedEntry: this.matchedEntry } = this.unit);
    ({ usedHead: this.usedHead, usedNext: this.usedNext } = this.unit);
    this.pi = new Float64Array(n * K);
    this.drainUsed = new Int32Array(n);
    this.matched = new Uint8Array(n);
    this.placedHead = new Int32Array(n).fill(-1);
    this.placedNext = new Int32Array(entryArcs).fill(-1);
    this.onPlacedList = new Uint8Array(entryArcs);
    this.settled = new Int32Array(n);
    this.tight = new Int32Array(n);
    this.base = new Float64Array(K);
    this.cutoff = new Float64Array(K);

    // Compact lists: a pathway's free entries; the optional pathways' free entries by chain node, sorted by cost.
    this.freeStart = new Int32Array(nP + 1);
    const free: number[] = [];
    const opt: number[][] = [];
    for (let p = 0; p < nP; p++) {
      for (let a = pathwayArcStart[p]; a < pathwayArcStart[p + 1]; a++) {
        if (this.arcState[a] !== FREE) continue;
        free.push(a);
        if (this.nodeState[1 + p] === FREE) (opt[arcTo[a]] ??= []).push(a);
      }
      this.freeStart[p + 1] = free.length;
    }
    this.freeArcs = Int32Array.from(free);
    const classes = this.levelBClasses();
    ({ classOf: this.classOf, count: this.classCount } = classes);
    this.search = new LexSearch(n + this.classCount, K);
    this.cursorMember = new Int32Array(this.classCount);
    this.cursorInHeap = new Uint8Array(this.classCount);
    this.classBase = new Float64Array(this.classCount * K);
    this.classStamp = new Int32Array(this.classCount);
    this.optStart = new Int32Array(n + 1);
    this.optPos = new Int32Array(entryArcs).fill(-1);
    const optArcs: number[] = [];
    const optNodes: number[] = [];
    for (let v = 0; v < n; v++) {
      const list = opt[v];
      if (list) {
        optNodes.push(v);
        list.sort((a, b) => compareWords(arcCost, a * K, arcCost, b * K, K) || a - b);
        for (const a of list) {
          this.optPos[a] = optArcs.length;
          optArcs.push(a);
        }
      }
      this.optStart[v + 1] = optArcs.length;
    }
    this.optArcs = Int32Array.from(optArcs);
    this.optNodes = Int32Array.from(optNodes);
    this.waitPtr = this.optStart.slice(0, n);
    const drains: number[] = [];
    for (let v = 0; v < n; v++) if (nodeType[v] === NODE_DRAIN) drains.push(v);
    this.drains = Int32Array.from(drains);
    for (let v = 0; v < n; v++) {
      if (nodeType[v] === NODE_DRAIN && this.nodeState[v] === FORCED) this.bZ += net.capacity[v];
      if (nodeType[v] === NODE_PATHWAY && this.nodeState[v] === FORCED) this.bZ--;
    }
    this.initialPotentials();
    this.entries = new ClassEntryHeaps(K, classes.rep, this.freeStart, this.freeArcs, arcTo, arcCost, this.pi);
  }

  /** Level-B classes of the pathway nodes: a hash of (state of Z -> p, free entries), equal lists compared in full. */
  private levelBClasses(): { classOf: Int32Array; count: number; rep: Int32Array } {
    const { n, K, nP, arcTo, arcCost } = this.net;
    const { freeStart, freeArcs, nodeState } = this;
    const classOf = new Int32Array(n).fill(-1);
    const sameEntries = (p: number, q: number): boolean => {
      const len = freeStart[p + 1] - freeStart[p];
      if (nodeState[1 + p] !== nodeState[1 + q] || len !== freeStart[q + 1] - freeStart[q]) return false;
      for (let i = 0; i < len; i++) {
        const a = freeArcs[freeStart[p] + i];
        const b = freeArcs[freeStart[q] + i];
        if (arcTo[a] !== arcTo[b]) return false;
        for (let w = 0; w < K; w++) if (arcCost[a * K + w] !== arcCost[b * K + w]) return false;
      }
      return true;
    };
    const buckets = new Map<number, number[]>();
    const rep: number[] = [];
    let count = 0;
    for (let p = 0; p < nP; p++) {
      let h = nodeState[1 + p];
      for (let i = freeStart[p]; i < freeStart[p + 1]; i++) {
        const a = freeArcs[i];
        h = Math.imul(h ^ arcTo[a], 0x01000193);
        for (let w = 0; w < K; w++) h = Math.imul(h ^ (arcCost[a * K + w] | 0), 0x01000193);
      }
      const bucket = buckets.get(h) ?? [];
      if (bucket.length === 0) buckets.set(h, bucket);
      const same = bucket.find((q) => sameEntries(p, q - 1));
      if (same !== undefined) classOf[1 + p] = classOf[same];
      else {
        classOf[1 + p] = count++;
        rep.push(1 + p);
        bucket.push(1 + p);
      }
    }
    return { classOf, count, rep: Int32Array.from(rep) };
  }

  /**
   * Potentials for the empty flow on the free arcs: 0 at Z, and at every chain node the least of 0 and the cheapest
   * optional entry that can reach it, carried down the free chain arcs (cost 0 on level B). Free drains cannot be
   * reached from an optional entry (such a cycle Z -> q -> ... -> D -> Z would place one more pathway at zero level-A
   * reduced cost, impossible), so D -> Z keeps its cost (the date, >= 0) as reduced cost.
   */
  private initialPotentials(): void {
    const { net, pi } = this;
    const { K, arcCost, arcFrom, arcTo, nodeType, drainCost } = net;
    for (const v of this.optNodes) {
      const a = this.firstWaiting(v);
      if (a < 0) continue;
      const co = a * K;
      if (compareWords(arcCost, co, pi, v * K, K) < 0) for (let w = 0; w < K; w++) pi[v * K + w] = arcCost[co + w];
    }
    // Chain arcs in topological order: I down the dates, L up, then into D.
    const lower = (a: number) => {
      if (a < 0 || this.arcState[a] !== FREE) return;
      const u = arcFrom[a] * K;
      const v = arcTo[a] * K;
      if (compareWords(pi, u, pi, v, K) < 0) for (let w = 0; w < K; w++) pi[v + w] = pi[u + w];
    };
    net.stepI.forEach((steps) => {
      for (let j = steps.length - 1; j >= 0; j--) lower(steps[j]);
    });
    net.stepL.forEach((steps) => steps.forEach((a) => lower(a)));
    net.drainI.forEach((arcs) => arcs.forEach((a) => lower(a)));
    net.drainL.forEach((arcs) => arcs.forEach((a) => lower(a)));
    const tmp = new Float64Array(K);
    for (const d of this.drains) {
      if (this.nodeState[d] !== FREE || nodeType[d] !== NODE_DRAIN) continue;
      for (let w = 0; w < K; w++) tmp[w] = drainCost[d * K + w] + pi[d * K + w];
      if (compareWords(tmp, 0, pi, 0, K) < 0) throw new Error('level B: free drain below Z at the start');
    }
  }

  /** Route every unit: forced pathways in the given order, then Z's excess into the forced drains still short. */
  run(forcedOrder: readonly number[], drainOrder: readonly number[]): void {
    for (const p of forcedOrder) this.routeForced(p);
    for (const d of drainOrder) {
      while (this.bZ > 0 && this.drainUsed[d] < this.net.capacity[d]) this.routeFromZ(d);
    }
    if (this.bZ !== 0) throw new Error('level B: balances not cleared');
    for (const d of this.drains)
      if (this.nodeState[d] === FORCED && this.drainUsed[d] !== this.net.capacity[d])
        throw new Error('level B: a forced drain is not full');
  }

  /** Phase 1: the forced pathway p (node 1 + p) takes a place; Dijkstra forward to the nearest deficit. */
  private routeForced(p: number): void {
    const { net, pi, search, cutoff } = this;
    const { K, arcTo, arcCost, pathwayArcStart } = net;
    const { freeStart, freeArcs } = this;
    const src = 1 + p;
    let start = src;
    let forcedEntry = -1;
    for (let a = pathwayArcStart[p]; a < pathwayArcStart[p + 1]; a++) if (this.arcState[a] === FORCED) forcedEntry = a;
    if (forcedEntry >= 0) {
      // Its one possible entry: the unit starts at the entry's chain node; the arc is fixed (never reversed).
      this.arcFlow[forcedEntry] = 1;
      this.matchedEntry[src] = forcedEntry;
      start = arcTo[forcedEntry];
    } else {
      const so = src * K;
      let first = true;
      const { tmp } = search;
      for (let i = freeStart[p]; i < freeStart[p + 1]; i++) {
        const a = freeArcs[i];
        const vo = arcTo[a] * K;
        for (let w = 0; w < K; w++) tmp[w] = pi[vo + w] - arcCost[a * K + w];
        if (first || compareWords(tmp, 0, pi, so, K) > 0) for (let w = 0; w < K; w++) pi[so + w] = tmp[w];
        first = false;
      }
      if (first) throw new Error('level B: a forced pathway has no usable entry');
    }
    cutoff.fill(Infinity);
    search.tmp.fill(0);
    search.offer(start);
    const target = this.forwardSearch();
    if (target < 0) throw new Error('level B: no path from a forced pathway to a deficit');
    this.updatePotentials(target, 1);
    if (target === 0) this.bZ++;
    else this.drainUsed[target]++;
    const placed: number[] = [];
    let v = target;
    while (v !== start) v = this.stepBack(v, placed);
    this.place(src);
    this.fixPlaced(placed);
    search.reset();
  }

  private isTarget(u: number): boolean {
    if (u === 0) return this.bZ < 0;
    return (
      this.net.nodeType[u] === NODE_DRAIN && this.nodeState[u] === FORCED && this.drainUsed[u] < this.net.capacity[u]
    );
  }

  /**
   * Dijkstra forward from the offered start; returns the target settled first, or -1. A placed pathway has one
   * residual arc in (its used entry, reversed), so its distance is final as soon as that entry's chain node is
   * settled: it is settled right then, without the heap (most settled nodes are pathways).
   */
  private forwardSearch(): number {
    const { net, pi, search, base } = this;
    const { K, arcTo, arcFrom, nodeType, adjStart, adj, drainCost, arcCost } = net;
    const { dist, state, tmp, parent } = search;
    if (!this.keysValid) throw new Error('level B: a forward search after phase 2 started');
    this.searchId++;
    const { tight } = this;
    let tightCount = 0;
    for (;;) {
      let u: number;
      if (tightCount > 0)
        u = tight[--tightCount]; // settled already, at the current distance
      else {
        if (search.size === 0) break;
        u = search.pop();
        if (u >= net.n) {
          this.cursorStep(u - net.n);
          continue;
        }
        if (state[u] === SETTLED) continue; // settled through a tight arc while it waited in the heap
        this.settle(u);
      }
      if (this.isTarget(u)) return u;
      const uo = u * K;
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] + pi[uo + w];
      if (u === 0) {
        // Z in transit: give back a slot of a free drain (Z -> D), or place a waiting optional pathway (Z -> q).
        for (const d of this.drains) {
          if (this.nodeState[d] !== FREE || this.drainUsed[d] === 0 || state[d] === SETTLED) continue;
          for (let w = 0; w < K; w++) tmp[w] = base[w] - drainCost[d * K + w] - pi[d * K + w];
          this.offer(d, FROM_Z, false);
        }
        for (const v of this.optNodes) {
          if (state[v] === SETTLED) continue;
          const a = this.firstWaiting(v);
          if (a < 0) continue;
          for (let w = 0; w < K; w++) tmp[w] = base[w] + arcCost[a * K + w] - pi[v * K + w];
          if (this.offer(v, 2 * a, false)) parent[arcFrom[a]] = FROM_Z;
        }
        continue;
      }
      if (nodeType[u] === NODE_PATHWAY) {
        if (this.firstOfClass(u)) this.expandPathway(u); // the source
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && this.nodeState[u] === FREE && this.drainUsed[u] < net.capacity[u]) {
        if (state[0] !== SETTLED) {
          for (let w = 0; w < K; w++) tmp[w] = base[w] + drainCost[uo + w] - pi[w];
          this.offer(0, intoZ(u), this.bZ < 0);
        }
      }
      for (let e = adjStart[u], end = adjStart[u + 1]; e < end; e++) {
        const code = adj[e];
        const a = code >> 1;
        let v: number;
        if ((code & 1) === 0) {
          v = arcTo[a];
          if (this.arcState[a] !== FREE || state[v] === SETTLED) continue;
          for (let w = 0; w < K; w++) tmp[w] = base[w] + arcCost[a * K + w] - pi[v * K + w];
        } else {
          v = arcFrom[a];
          if (this.arcFlow[a] === 0 || state[v] === SETTLED) continue;
          for (let w = 0; w < K; w++) tmp[w] = base[w] - arcCost[a * K + w] - pi[v * K + w];
        }
        if (!this.belowCutoff()) continue;
        if (compareWords(tmp, 0, dist, uo, K) === 0) {
          // Reduced cost 0: v's distance is u's, the least there is, so v is settled now, without the heap.
          search.settleNow(v);
          parent[v] = code;
          this.settled[this.settledCount++] = v;
          tight[tightCount++] = v;
        } else if (search.offer(v)) {
          parent[v] = code;
          if (this.isTarget(v)) this.cutoff.set(tmp);
        }
      }
      // Pathways placed here may move: settled at once (see above), then expanded with base = d(q) + pi(q).
      for (let a = this.usedHead[u]; a >= 0; a = this.usedNext[a]) {
        const q = arcFrom[a];
        if (state[q] === SETTLED) continue;
        for (let w = 0; w < K; w++) tmp[w] = dist[uo + w] + pi[uo + w] - arcCost[a * K + w] - pi[q * K + w];
        if (!this.belowCutoff()) continue;
        search.settleAt(q);
        parent[q] = 2 * a + 1;
        this.settled[this.settledCount++] = q;
        for (let w = 0; w < K; w++) base[w] = tmp[w] + pi[q * K + w];
        if (this.firstOfClass(q)) this.expandPathway(q);
      }
    }
    return -1;
  }

  /**
   * Whether settled pathway q (base = d(q) + pi(q)) must be expanded: not if a pathway of its class was expanded in
   * this search at a base <= q's. Its one arc that pathway could not relax (its own used entry, reversed from its
   * chain node) leads to a node settled before it, so q's relaxations would change nothing. (Placed members of a
   * class have equal potentials by complementary slackness and are settled in the order of their chain nodes, so
   * the first member expanded has the least base; the comparison keeps the skip safe whatever the order.)
   */
  private firstOfClass(q: number): boolean {
    const { K } = this.net;
    const { base, classBase, classStamp } = this;
    const g = this.classOf[q];
    if (classStamp[g] === this.searchId && compareWords(base, 0, classBase, g * K, K) >= 0) return false;
    if (classStamp[g] !== this.searchId) this.cursorInHeap[g] = 0;
    classStamp[g] = this.searchId;
    for (let w = 0; w < K; w++) classBase[g * K + w] = base[w];
    return true;
  }

  /**
   * Expand settled pathway q (base = d(q) + pi(q), just recorded as its class's base by firstOfClass): relax q -> Z
   * if q is optional, and put its class's cursor into the heap, which relaxes the free entries lazily (cursorStep).
   */
  private expandPathway(q: number): void {
    const { K, n } = this.net;
    const { state, tmp } = this.search;
    const { base, pi, entries, classBase } = this;
    if (this.nodeState[q] === FREE && state[0] !== SETTLED) {
      for (let w = 0; w < K; w++) tmp[w] = base[w] - pi[w]; // unplace q: q -> Z, cost 0
      this.offer(0, intoZ(q), this.bZ < 0);
    }
    const g = this.classOf[q];
    this.cursorMember[g] = q;
    // Entries taken by an earlier search, or in this one at a higher base (rare), go back in at their current keys.
    entries.restore(g, pi);
    if (entries.isEmpty(g)) return;
    const ko = entries.topKey(g);
    for (let w = 0; w < K; w++) tmp[w] = classBase[g * K + w] + entries.key[ko + w];
    if (!this.belowCutoff()) return;
    if (this.cursorInHeap[g] === 1) this.search.offer(n + g);
    else this.search.push(n + g);
    this.cursorInHeap[g] = 1;
  }

  /**
   * Class g's cursor was popped: its least stored key is the least tentative distance left. If that key is stale
   * it is raised (the entry sinks); otherwise the entry is relaxed through the member that expanded g (the
   * member's own used entry leads to a settled node and is skipped). While the next key is still no more than the
   * least distance in the heap this goes on without a round trip through the heap; then the cursor goes back.
   */
  private cursorStep(g: number): void {
    const { K, n, arcTo } = this.net;
    const { search } = this;
    const { state, tmp } = search;
    const { base, pi, entries, classBase, freeStart, freeArcs, arcFlow } = this;
    this.cursorInHeap[g] = 0;
    for (let w = 0; w < K; w++) base[w] = classBase[g * K + w];
    for (;;) {
      if (!entries.refreshTop(g, pi)) {
        const i = entries.take(g);
        const a = freeArcs[freeStart[this.cursorMember[g] - 1] + i];
        if (arcFlow[a] === 0 && state[arcTo[a]] !== SETTLED) this.relax(a, arcTo[a], 1);
      }
      if (entries.isEmpty(g)) return;
      const ko = entries.topKey(g);
      for (let w = 0; w < K; w++) tmp[w] = base[w] + entries.key[ko + w];
      if (!this.belowCutoff()) return;
      if (search.topBelow()) break;
    }
    search.push(n + g);
    this.cursorInHeap[g] = 1;
  }

  /** Phase 2: one more unit into the forced drain d, from Z through an optional pathway; Dijkstra backwards. */
  private routeFromZ(d: number): void {
    this.keysValid = false; // this search raises potentials: the class heaps' keys are no longer lower bounds
    const { net, pi, search, base, cutoff } = this;
    const { K, arcTo, arcFrom, arcCost, nodeType, adjStart, adj, drainCost } = net;
    const { dist, state, tmp, parent } = search;
    cutoff.fill(Infinity);
    tmp.fill(0);
    search.offer(d);
    let reached = false;
    while (search.size > 0) {
      const u = search.pop();
      this.settle(u);
      if (u === 0) {
        reached = true;
        break;
      }
      // Residual arcs x -> u walked backwards: dist(x) = dist(u) + c(x, u) + pi(x) - pi(u).
      const uo = u * K;
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] - pi[uo + w];
      if (nodeType[u] === NODE_PATHWAY) {
        const a = this.matchedEntry[u];
        if (a >= 0 && this.arcState[a] === FREE && state[arcTo[a]] !== SETTLED) this.relaxBack(a, arcTo[a], -1);
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && this.nodeState[u] === FREE && this.drainUsed[u] > 0) {
        for (let w = 0; w < K; w++) tmp[w] = base[w] - drainCost[uo + w] + pi[w]; // Z -> D: a slot given back
        this.offer(0, intoZ(u), true);
      }
      for (let e = adjStart[u], end = adjStart[u + 1]; e < end; e++) {
        const code = adj[e];
        const a = code >> 1;
        if ((code & 1) === 1) {
          if (this.arcState[a] === FREE && state[arcFrom[a]] !== SETTLED) this.relaxBack(a, arcFrom[a], 1);
        } else if (this.arcFlow[a] > 0 && state[arcTo[a]] !== SETTLED) {
          this.relaxBack(a, arcTo[a], -1);
        }
      }
      const a = this.firstWaiting(u);
      if (a >= 0) {
        for (let w = 0; w < K; w++) tmp[w] = base[w] + arcCost[a * K + w] + pi[w];
        if (this.offer(0, intoZ(arcFrom[a]), true)) parent[arcFrom[a]] = 2 * a;
      }
      for (let a = this.placedHead[u]; a >= 0; a = this.placedNext[a]) {
        const q = arcFrom[a];
        if (this.matched[q] === 1 && this.arcFlow[a] === 0 && this.arcState[a] === FREE && state[q] !== SETTLED)
          this.relaxBack(a, q, 1);
      }
    }
    if (!reached) throw new Error('level B: no path from Z to a forced drain');
    this.updatePotentials(0, -1);
    // Walk from Z to d: the first step leaves Z.
    const placed: number[] = [];
    const first = -(parent[0] + 2);
    if (nodeType[first] === NODE_DRAIN) this.drainUsed[first]--;
    else {
      this.place(first);
      placed.push(first);
    }
    let v = first;
    while (v !== d) {
      const code = parent[v];
      const a = code >> 1;
      const forward = (code & 1) === 0;
      this.push(a, forward ? 1 : -1);
      v = forward ? arcTo[a] : arcFrom[a];
    }
    this.drainUsed[d]++;
    this.bZ--;
    this.fixPlaced(placed);
    search.reset();
  }

  /** One step of a forward search's path, walked back from its target; returns the previous node. */
  private stepBack(v: number, placed: number[]): number {
    const { net } = this;
    const code = this.search.parent[v];
    if (code >= 0) {
      const a = code >> 1;
      const forward = (code & 1) === 0;
      this.push(a, forward ? 1 : -1);
      return forward ? net.arcFrom[a] : net.arcTo[a];
    }
    if (code === FROM_Z) {
      if (net.nodeType[v] === NODE_PATHWAY) {
        this.place(v);
        placed.push(v);
      } else this.drainUsed[v]--;
      return 0;
    }
    const x = -(code + 2);
    if (net.nodeType[x] === NODE_DRAIN) this.drainUsed[x]++;
    else this.unplace(x);
    return x;
  }

  /** A pathway placed from Z gets the potential that makes its entry tight (it was passed over, not settled). */
  private fixPlaced(placed: number[]): void {
    const { K, arcTo, arcCost } = this.net;
    for (const q of placed) {
      const a = this.matchedEntry[q];
      for (let w = 0; w < K; w++) this.pi[q * K + w] = this.pi[arcTo[a] * K + w] - arcCost[a * K + w];
    }
  }

  /** The cheapest free entry at chain node v of an optional pathway still waiting, or -1. */
  private firstWaiting(v: number): number {
    const { optStart, optArcs } = this;
    const { arcFrom } = this.net;
    const end = optStart[v + 1];
    let e = this.waitPtr[v];
    while (e < end && this.matched[arcFrom[optArcs[e]]] === 1) e++;
    this.waitPtr[v] = e;
    return e < end ? optArcs[e] : -1;
  }

  /**
   * Marks q placed and lists its free entries at their chain nodes (the searches walk a node's placed list to find
   * placed pathways that could move there). The lists are append-only: unplace() leaves the entries on them and the
   * walkers skip pathways that are not placed, so an entry is added only the first time its pathway is placed — adding
   * it again when a pathway that gave its place up is placed once more would link the entry to itself (an endless list).
   */
  private place(q: number): void {
    this.matched[q] = 1;
    const { pathwayArcStart, arcTo } = this.net;
    for (let a = pathwayArcStart[q - 1]; a < pathwayArcStart[q]; a++) {
      if (this.arcState[a] !== FREE || this.onPlacedList[a] === 1) continue;
      this.onPlacedList[a] = 1;
      this.placedNext[a] = this.placedHead[arcTo[a]];
      this.placedHead[arcTo[a]] = a;
    }
  }

  /** An optional pathway gives its place up: it waits again, so the pointers must see its entries again. */
  private unplace(q: number): void {
    this.matched[q] = 0;
    const { pathwayArcStart, arcTo } = this.net;
    for (let a = pathwayArcStart[q - 1]; a < pathwayArcStart[q]; a++) {
      const v = arcTo[a];
      const pos = this.optPos[a];
      if (pos >= 0 && pos < this.waitPtr[v]) this.waitPtr[v] = pos;
    }
  }

  private settle(u: number): void {
    this.search.state[u] = SETTLED;
    this.settled[this.settledCount++] = u;
  }

  /** Offer tmp to v; a target's offer also lowers the cutoff (no later node at or beyond it can matter). */
  private offer(v: number, parentCode: number, isTarget: boolean): boolean {
    if (!this.belowCutoff() || !this.search.offer(v)) return false;
    this.search.parent[v] = parentCode;
    if (isTarget) this.cutoff.set(this.search.tmp);
    return true;
  }

  private relax(a: number, v: number, sign: 1 | -1): void {
    const { K, arcCost } = this.net;
    const { tmp } = this.search;
    for (let w = 0; w < K; w++) tmp[w] = this.base[w] + sign * arcCost[a * K + w] - this.pi[v * K + w];
    // offer() inlined with the target test last: this runs for every arc a search scans.
    if (!this.belowCutoff() || !this.search.offer(v)) return;
    this.search.parent[v] = sign === 1 ? 2 * a : 2 * a + 1;
    if (this.isTarget(v)) this.cutoff.set(tmp);
  }

  private relaxBack(a: number, x: number, sign: 1 | -1): void {
    const { K, arcCost } = this.net;
    const { tmp } = this.search;
    for (let w = 0; w < K; w++) tmp[w] = this.base[w] + sign * arcCost[a * K + w] + this.pi[x * K + w];
    this.offer(x, sign === 1 ? 2 * a : 2 * a + 1, false);
  }

  private belowCutoff(): boolean {
    const { tmp } = this.search;
    const { cutoff } = this;
    if (cutoff.length === 1) return tmp[0] < cutoff[0];
    for (let w = 0; w < cutoff.length; w++) {
      if (tmp[w] !== cutoff[w]) return tmp[w] < cutoff[w];
    }
    return false;
  }

  /** pi += sign * (dist - D) on the settled nodes, D = the target's distance. */
  private updatePotentials(target: number, sign: 1 | -1): void {
    const { K } = this.net;
    const { dist } = this.search;
    const to = target * K;
    for (let i = 0; i < this.settledCount; i++) {
      const vo = this.settled[i] * K;
      // Pathways settled on discovery may lie beyond the target: min(d, D) - D = 0 for them.
      if (compareWords(dist, vo, dist, to, K) > 0) continue;
      for (let w = 0; w < K; w++) this.pi[vo + w] += sign * (dist[vo + w] - dist[to + w]);
    }
    this.settledTotal += this.settledCount;
    this.settledCount = 0;
  }

  private push(a: number, delta: 1 | -1): void {
    this.unit.push(a, delta);
  }
}
