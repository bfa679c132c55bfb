import { decompose } from './decompose';
import { LexLayout, unpack } from './lex';
import { A_COMPONENTS, LevelASolution, solveLevelA } from './level-a';
import { FORCED, FREE, REMOVED, Restriction, RestrictedFlow } from './level-b';
import { buildNetwork, Network, SolverChain, SolverPathway } from './network';

/*
 * The lexicographic objective solved level by level (the default method of solveAllocation).
 *
 * The six cost components split into level A = (-in time, -placed, days late) and level B = (distance, kind
 * penalty, date). A plan is lexicographically optimal iff it is optimal on level A and, among those, on level B.
 * With y an optimal level-A dual, the plans optimal on level A are exactly the feasible flows that use no arc of
 * positive level-A reduced cost and saturate every arc of negative one (complementary slackness). So:
 *   1. level-a.ts solves level A on an aggregated network (tiny) and maps its dual y to the full network;
 *   2. each arc is classified by the sign of its level-A reduced cost (REMOVED / FREE / FORCED);
 *   3. level-b.ts finds the level-B optimum on the restricted network, with potentials z.
 * The concatenation (y, z) is then a lexicographic dual of the whole problem: a removed arc has reduced cost
 * (> 0, ...), a forced arc is saturated with (< 0, ...), and on free arcs (0, z-reduced cost) satisfies level B's
 * complementary slackness. The slot prices of the optimality certificate (allocate.ts) are read from it.
 */

export interface LevelsResult {
  chain: Int32Array;
  dayIndex: Int32Array;
  price: number[][][];
  layout: LexLayout;
  settled: number;
  words: number;
}

export function solveByLevels(chains: readonly SolverChain[], pathways: readonly SolverPathway[]): LevelsResult {
  const { net, levelA, restriction } = restrictByLevelA(chains, pathways);
  const flow = new RestrictedFlow(net, restriction);
  flow.run(forcedOrder(pathways, restriction), forcedDrains(net, chains, restriction));
  return {
    ...decompose(net, chains, pathways, flow.arcFlow),
    price: prices(net, chains, levelA.pi, flow.pi),
    layout: net.layout,
    settled: flow.settledTotal,
    words: net.K,
  };
}

/** Steps 1 and 2: the level-B network, level A's dual on it, and every arc's state. */
export function restrictByLevelA(
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
): { net: Network; levelA: LevelASolution; restriction: Restriction } {
  const net = buildNetwork(chains, pathways, 'B');
  const levelA = solveLevelA(chains, pathways, net);
  return { net, levelA, restriction: restrict(net, chains, pathways, levelA.pi) };
}

/** Sign of the level-A reduced cost c + y(u) - y(v) of an arc u -> v, compared lexicographically. */
function reducedSign(y: Float64Array, u: number, v: number, c0: number, c1: number, c2: number): number {
  const uo = u * A_COMPONENTS;
  const vo = v * A_COMPONENTS;
  const x = c0 + y[uo] - y[vo] || c1 + y[uo + 1] - y[vo + 1] || c2 + y[uo + 2] - y[vo + 2];
  return Math.sign(x);
}

const stateOf = (sign: number) => (sign > 0 ? REMOVED : sign === 0 ? FREE : FORCED);

function restrict(
  net: Network,
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  y: Float64Array,
): Restriction {
  const arcState = new Uint8Array(net.arcFrom.length);
  const nodeState = new Uint8Array(net.n);
  const { arcTo, pathwayArcStart, entryChain, entryIndex, entryLate } = net;
  pathways.forEach((pw, p) => {
    let state = stateOf(reducedSign(y, 0, 1 + p, 0, 0, 0));
    for (let a = pathwayArcStart[p]; a < pathwayArcStart[p + 1]; a++) {
      const late = entryLate[a] === 1;
      const daysLate = late ? chains[entryChain[a]].days[entryIndex[a]] - pw.deadline : 0;
      arcState[a] = stateOf(reducedSign(y, 1 + p, arcTo[a], late ? 0 : -1, -1, daysLate));
      // A pathway that must take one particular entry must be placed.
      if (arcState[a] === FORCED) state = FORCED;
    }
    nodeState[1 + p] = state;
  });
  const chainArc = (a: number, daysLate: number) => {
    if (a < 0) return;
    const sign = reducedSign(y, net.arcFrom[a], arcTo[a], 0, 0, daysLate);
    if (sign < 0) throw new Error('levels: a chain arc has a negative level-A reduced cost');
    arcState[a] = stateOf(sign);
  };
  chains.forEach((c, ci) => {
    c.days.forEach((_, j) => {
      chainArc(net.drainI[ci][j], 0);
      chainArc(net.drainL[ci][j], 0);
      chainArc(net.stepI[ci][j], 0);
      if (j + 1 < c.days.length) chainArc(net.stepL[ci][j], c.days[j + 1] - c.days[j]);
      const d = net.dNode(ci, j);
      nodeState[d] = stateOf(reducedSign(y, d, 0, 0, 0, 0));
    });
  });
  return { arcState, nodeState };
}

/** Forced pathways, nearest first (they seldom displace one another then), then by deadline. */
function forcedOrder(pathways: readonly SolverPathway[], r: Restriction): number[] {
  const nearest = pathways.map((pw) => pw.options.reduce((min, o) => Math.min(min, o.distTenths), Infinity));
  const order: number[] = [];
  pathways.forEach((_, p) => {
    if (r.nodeState[1 + p] === FORCED) order.push(p);
  });
  return order.sort((a, b) => nearest[a] - nearest[b] || pathways[a].deadline - pathways[b].deadline || a - b);
}

/** Forced drains, earliest date first. */
function forcedDrains(net: Network, chains: readonly SolverChain[], r: Restriction): number[] {
  const list: [number, number][] = [];
  chains.forEach((c, ci) =>
    c.days.forEach((day, j) => {
      const d = net.dNode(ci, j);
      if (r.nodeState[d] === FORCED) list.push([day, d]);
    }),
  );
  return list.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[1]);
}

/** Slot price of each (chain, date): minus the lexicographic reduced cost of D -> Z where that is negative. */
function prices(net: Network, chains: readonly SolverChain[], y: Float64Array, z: Float64Array): number[][][] {
  const { K, layout, drainCost } = net;
  const w = new Float64Array(K);
  return chains.map((c, ci) =>
    c.days.map((_, j) => {
      const d = net.dNode(ci, j);
      for (let k = 0; k < K; k++) w[k] = drainCost[d * K + k] + z[d * K + k] - z[k];
      const reduced = unpack(layout, w);
      for (let k = 0; k < A_COMPONENTS; k++) reduced[k] = y[d * A_COMPONENTS + k] - y[k];
      const lead = reduced.find((x) => x !== 0) ?? 0;
      return lead < 0 ? reduced.map((x) => -x + 0) : new Array<number>(reduced.length).fill(0);
    }),
  );
}
