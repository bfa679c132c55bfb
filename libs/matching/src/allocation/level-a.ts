import { compareWords, unpack } from './lex';
import { LexSearch, SETTLED } from './lex-heap';
import { buildNetwork, Network, NODE_DRAIN, NODE_PATHWAY, SolverChain, SolverOption, SolverPathway } from './network';

/*
 * Level A of the lexicographic objective, (-in time, -placed, days late), solved on an aggregated network.
 *
 * These three components depend on a pathway only through its deadline and the set of providers it may use, and
 * on a provider only through which pathways may use it. So:
 * - pathways with the same deadline and the same allowed set form one group, with a supply of their number;
 * - providers used by exactly the same allowed sets form one class, whose dates are merged (capacities summed).
 * Any flow of the full network aggregates to one of equal level-A cost, and any aggregated flow splits back
 * (a pathway may use every provider of an allowed class, and within a class only dates matter). The aggregated
 * problem is typically tiny (national data: ~5 regions x ~60 deadlines groups, ~6 provider classes), and a
 * primal-dual method (shortest paths, then every tied path at once) solves it exactly in a few milliseconds to a few
 * tens of them, even though level A is highly degenerate.
 *
 * What the rest of the solver needs from it is an optimal dual: the potentials, mapped to the full network
 * (pathway -> its group, chain node -> its class's node on the same date), are dual feasible there and have the
 * same objective, hence optimal (LP duality). levels.ts uses them to fix or remove every arc with a non-zero
 * level-A reduced cost, which is exactly the set of plans optimal on level A.
 */

/** Raw level-A components per node of the full network, 3 numbers per node. */
export const A_COMPONENTS = 3;

export interface LevelASolution {
  /** Potentials of the full network's nodes on components (-in time, -placed, days late), n x 3. */
  pi: Float64Array;
  /** Pathways placed in every level-A optimal plan. */
  placed: number;
}

export function solveLevelA(
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  full: Network,
): LevelASolution {
  // Allowed sets, by the sorted list of chains.
  const setOf = new Int32Array(pathways.length);
  const sets: number[][] = [];
  const setIds = new Map<string, number>();
  pathways.forEach((pw, p) => {
    const list = pw.options.map((o) => o.chain).sort((a, b) => a - b);
    const key = list.join(',');
    let id = setIds.get(key);
    if (id === undefined) {
      id = sets.length;
      setIds.set(key, id);
      sets.push(list);
    }
    setOf[p] = id;
  });

  // Provider classes: chains used by the same allowed sets.
  const users: number[][] = chains.map(() => []);
  sets.forEach((list, id) => list.forEach((c) => users[c].push(id)));
  const classOf = new Int32Array(chains.length);
  const classIds = new Map<string, number>();
  const members: number[][] = [];
  chains.forEach((_, c) => {
    const key = users[c].join(',');
    let id = classIds.get(key);
    if (id === undefined) {
      id = members.length;
      classIds.set(key, id);
      members.push([]);
    }
    classOf[c] = id;
    members[id].push(c);
  });
  const merged: SolverChain[] = members.map((list) => {
    const byDay = new Map<number, number>();
    for (const c of list) chains[c].days.forEach((d, j) => byDay.set(d, (byDay.get(d) ?? 0) + chains[c].capacity[j]));
    const days = [...byDay.keys()].sort((a, b) => a - b);
    return { days, capacity: days.map((d) => byDay.get(d)!) };
  });

  // Groups: same deadline and allowed set.
  const groupOf = new Int32Array(pathways.length);
  const groupIds = new Map<string, number>();
  const groups: SolverPathway[] = [];
  const supply: number[] = [];
  pathways.forEach((pw, p) => {
    const key = `${pw.deadline}|${setOf[p]}`;
    let g = groupIds.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIds.set(key, g);
      const classes = [...new Set(sets[setOf[p]].map((c) => classOf[c]))];
      const options: SolverOption[] = classes.map((k) => ({ chain: k, distTenths: 0, kindPenalty: 0 }));
      groups.push({ deadline: pw.deadline, options });
      supply.push(0);
    }
    supply[g]++;
    groupOf[p] = g;
  });

  const agg = buildNetwork(merged, groups, 'A');
  const flow = new AggregateFlow(agg, Int32Array.from(supply));
  flow.solve();

  // Map the potentials to the full network.
  const rawAgg = new Float64Array(agg.n * A_COMPONENTS);
  for (let v = 0; v < agg.n; v++)
    rawAgg.set(unpack(agg.layout, flow.pi, v * agg.K).slice(0, A_COMPONENTS), v * A_COMPONENTS);
  const pi = new Float64Array(full.n * A_COMPONENTS);
  const put = (v: number, vAgg: number) =>
    pi.set(rawAgg.subarray(vAgg * A_COMPONENTS, (vAgg + 1) * A_COMPONENTS), v * A_COMPONENTS);
  put(0, 0);
  for (let p = 0; p < pathways.length; p++) put(1 + p, 1 + groupOf[p]);
  chains.forEach((chain, c) => {
    const k = classOf[c];
    const kDays = merged[k].days;
    const kLen = kDays.length;
    const len = chain.days.length;
    let jj = 0;
    chain.days.forEach((day, j) => {
      while (kDays[jj] !== day) jj++;
      const d = full.dNode(c, j);
      const dAgg = agg.dNode(k, jj);
      put(d - 2 * len, dAgg - 2 * kLen); // I
      put(d - len, dAgg - kLen); // L
      put(d, dAgg); // D
    });
  });
  return { pi, placed: flow.placed };
}

/**
 * Min-cost flow with capacities on the aggregated network (see solve()): Dijkstra with Johnson potentials as in
 * the full solver (solver.ts), explicit capacities instead of 0/1 arcs, and pushes along all tied shortest paths.
 */
class AggregateFlow {
  readonly pi: Float64Array;
  placed = 0;
  private readonly flow: Int32Array;
  /** Flow on Z -> group, per group node. */
  private readonly zFlow: Int32Array;
  private readonly drainUsed: Int32Array;
  private readonly search: LexSearch;
  private readonly settled: number[] = [];
  private readonly base: Float64Array;
  /** Units of each group not yet routed to Z. */
  private readonly excess: Int32Array;
  /** Depth-first search marks: visited in this search, dead for this round. */
  private readonly seen: Int32Array;
  private readonly dead: Int32Array;
  private visit = 0;
  private round = 0;

  constructor(
    private readonly net: Network,
    private readonly supply: Int32Array,
  ) {
    const { n, K } = net;
    this.pi = new Float64Array(n * K);
    this.flow = new Int32Array(net.arcFrom.length);
    this.zFlow = new Int32Array(n);
    this.drainUsed = new Int32Array(n);
    this.search = new LexSearch(n, K);
    this.base = new Float64Array(K);
    this.excess = new Int32Array(net.nP);
    this.seen = new Int32Array(n);
    this.dead = new Int32Array(n);
  }

  /** Residual capacity of entry arc a: at most the group's supply. */
  private entryCap(a: number): number {
    return this.supply[this.net.arcFrom[a] - 1];
  }

  /**
   * Primal-dual successive shortest paths. Every group's supply starts placed (Z -> g saturated) as excess at g,
   * and g -> Z (the arc reversed, cost 0) is how a unit ends up not placed. Each round runs one Dijkstra from all
   * groups with excess at once (any start distances keep the potentials feasible: d(v) <= d(u) + reduced cost
   * still holds), then pushes units along every zero-reduced-cost path from those groups to Z. Level A ties a
   * lot, so a round routes many units; the national shape needs a handful of rounds instead of one search per unit.
   */
  solve(): void {
    const { net, pi, search } = this;
    const { K, arcCost, pathwayArcStart, nP } = net;
    const { tmp } = search;
    // Potentials 0, except a group's: the least >= 0 that keeps its entries' reduced costs >= 0 (chain arcs cost >= 0).
    let left = 0;
    for (let g = 0; g < nP; g++) {
      this.zFlow[1 + g] = this.excess[g] = this.supply[g];
      left += this.supply[g];
      const so = (1 + g) * K;
      for (let a = pathwayArcStart[g]; a < pathwayArcStart[g + 1]; a++) {
        for (let w = 0; w < K; w++) tmp[w] = -arcCost[a * K + w];
        if (compareWords(tmp, 0, pi, so, K) > 0) pi.set(tmp, so);
      }
    }
    while (left > 0) {
      search.tmp.fill(0);
      for (let g = 0; g < nP; g++) if (this.excess[g] > 0) search.offer(1 + g);
      if (!this.dijkstra()) throw new Error('level A: Z not reached');
      this.updatePotentials();
      search.reset();
      this.round++;
      for (let g = 0; g < nP && left > 0; g++) if (this.excess[g] > 0) left -= this.pushAdmissible(1 + g);
    }
    for (let g = 0; g < nP; g++) this.placed += this.zFlow[1 + g];
  }

  /**
   * After a search, every shortest path from src to Z consists of arcs of reduced cost 0. Level A ties a lot, so
   * many such paths exist: push along them (depth-first, nodes found to lead nowhere are skipped for the rest of
   * the round) before paying for the next search. Returns the units pushed.
   */
  private pushAdmissible(src: number): number {
    let pushed = 0;
    const g = src - 1;
    while (this.excess[g] > 0) {
      const path = this.admissiblePath(src);
      if (!path) break;
      const delta = Math.min(this.excess[g], this.applyPath(path, 0, false));
      this.applyPath(path, delta, true);
      this.excess[g] -= delta;
      pushed += delta;
    }
    return pushed;
  }

  /** Depth-first search over admissible residual moves from src; the move codes of a path to Z, or null. */
  private admissiblePath(src: number): number[] | null {
    this.visit++;
    const nodes = [src];
    const moves = [this.admissibleMoves(src)];
    const next = [0];
    const path: number[] = [];
    this.seen[src] = this.visit;
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const list = moves[top];
      if (next[top] === list.length) {
        this.dead[nodes[top]] = this.round;
        nodes.pop();
        moves.pop();
        next.pop();
        path.pop();
        continue;
      }
      const code = list[next[top]++];
      if (code < 0) {
        path.push(code);
        return path;
      }
      const v = this.moveTo(code);
      if (this.seen[v] === this.visit || this.dead[v] === this.round) continue;
      this.seen[v] = this.visit;
      path.push(code);
      nodes.push(v);
      moves.push(this.admissibleMoves(v));
      next.push(0);
    }
    return null;
  }

  private moveTo(code: number): number {
    const a = code >> 1;
    return (code & 1) === 0 ? this.net.arcTo[a] : this.net.arcFrom[a];
  }

  /**
   * Residual moves out of u of reduced cost 0: arc codes 2a (forward) and 2a + 1 (backward), or -(2 + u) for the
   * move into Z (D -> Z with room, or g -> Z giving a group's unit back).
   */
  private admissibleMoves(u: number): number[] {
    const { net, pi } = this;
    const { K, arcTo, arcFrom, arcCost, pathwayArcStart, nodeType, adjStart, adj, drainCost, inStart, inArcs } = net;
    const out: number[] = [];
    const tight = (sign: number, a: number, v: number) => {
      for (let w = 0; w < K; w++) if (sign * arcCost[a * K + w] + pi[u * K + w] - pi[v * K + w] !== 0) return false;
      return true;
    };
    const tightZ = (add: Float64Array | null) => {
      for (let w = 0; w < K; w++) if ((add ? add[u * K + w] : 0) + pi[u * K + w] - pi[w] !== 0) return false;
      return true;
    };
    if (nodeType[u] === NODE_PATHWAY) {
      if (this.zFlow[u] > 0 && tightZ(null)) out.push(-(2 + u));
      for (let a = pathwayArcStart[u - 1]; a < pathwayArcStart[u]; a++)
        if (this.flow[a] < this.entryCap(a) && tight(1, a, arcTo[a])) out.push(2 * a);
      return out;
    }
    if (nodeType[u] === NODE_DRAIN && this.drainUsed[u] < net.capacity[u] && tightZ(drainCost)) out.push(-(2 + u));
    for (let e = adjStart[u]; e < adjStart[u + 1]; e++) {
      const a = adj[e] >> 1;
      if ((adj[e] & 1) === 0) {
        if (tight(1, a, arcTo[a])) out.push(2 * a);
      } else if (this.flow[a] > 0 && tight(-1, a, arcFrom[a])) out.push(2 * a + 1);
    }
    for (let e = inStart[u]; e < inStart[u + 1]; e++) {
      const a = inArcs[e];
      if (this.flow[a] > 0 && tight(-1, a, arcFrom[a])) out.push(2 * a + 1);
    }
    return out;
  }

  /** A path of move codes from src: its bottleneck (apply = false), or push delta along it (apply = true). */
  private applyPath(path: number[], delta: number, apply: boolean): number {
    const { net } = this;
    let room = Infinity;
    for (const code of path) {
      if (code < 0) {
        const last = -(code + 2);
        if (net.nodeType[last] === NODE_DRAIN) {
          if (apply) this.drainUsed[last] += delta;
          room = Math.min(room, net.capacity[last] - this.drainUsed[last]);
        } else {
          if (apply) this.zFlow[last] -= delta;
          room = Math.min(room, this.zFlow[last]);
        }
        continue;
      }
      const a = code >> 1;
      const forward = (code & 1) === 0;
      if (apply) this.flow[a] += forward ? delta : -delta;
      else if (!forward) room = Math.min(room, this.flow[a]);
      else if (a < net.entryArcs) room = Math.min(room, this.entryCap(a) - this.flow[a]);
    }
    return room;
  }

  /** Dijkstra from the offered starts on reduced costs, until Z is settled (true). */
  private dijkstra(): boolean {
    const { net, pi, search, base } = this;
    const { K, arcTo, arcFrom, arcCost, pathwayArcStart, nodeType, adjStart, adj, drainCost, inStart, inArcs } = net;
    const { dist, state, tmp, parent } = search;
    const relax = (a: number, v: number, sign: 1 | -1) => {
      for (let w = 0; w < K; w++) tmp[w] = base[w] + sign * arcCost[a * K + w] - pi[v * K + w];
      if (search.offer(v)) parent[v] = sign === 1 ? 2 * a : 2 * a + 1;
    };
    const offerZ = (from: number, add: Float64Array | null, ao: number) => {
      for (let w = 0; w < K; w++) tmp[w] = base[w] + (add ? add[ao + w] : 0) - pi[w];
      if (search.offer(0)) parent[0] = -(2 + from);
    };
    while (search.size > 0) {
      const u = search.pop();
      state[u] = SETTLED;
      this.settled.push(u);
      if (u === 0) return true;
      const uo = u * K;
      for (let w = 0; w < K; w++) base[w] = dist[uo + w] + pi[uo + w];
      if (nodeType[u] === NODE_PATHWAY) {
        if (this.zFlow[u] > 0) offerZ(u, null, 0);
        for (let a = pathwayArcStart[u - 1]; a < pathwayArcStart[u]; a++)
          if (this.flow[a] < this.entryCap(a) && state[arcTo[a]] !== SETTLED) relax(a, arcTo[a], 1);
        continue;
      }
      if (nodeType[u] === NODE_DRAIN && this.drainUsed[u] < net.capacity[u]) offerZ(u, drainCost, uo);
      for (let e = adjStart[u]; e < adjStart[u + 1]; e++) {
        const a = adj[e] >> 1;
        if ((adj[e] & 1) === 0) {
          if (state[arcTo[a]] !== SETTLED) relax(a, arcTo[a], 1);
        } else if (this.flow[a] > 0 && state[arcFrom[a]] !== SETTLED) relax(a, arcFrom[a], -1);
      }
      for (let e = inStart[u]; e < inStart[u + 1]; e++) {
        const a = inArcs[e];
        if (this.flow[a] > 0 && state[arcFrom[a]] !== SETTLED) relax(a, arcFrom[a], -1);
      }
    }
    return false;
  }

  /** pi += d - D on the settled nodes, D = d(Z). */
  private updatePotentials(): void {
    const { K } = this.net;
    const { dist } = this.search;
    const D = dist.subarray(0, K);
    for (const v of this.settled) for (let w = 0; w < K; w++) this.pi[v * K + w] += dist[v * K + w] - D[w];
    this.settled.length = 0;
  }
}
