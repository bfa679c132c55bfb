import type { Network, SolverChain, SolverPathway } from './network';

/*
 * Decomposition of the optimal chain flows into one (provider, date) per placed pathway.
 *
 * Within one chain any assignment that respects the arc flows has the same cost, so the solver is free to
 * choose: the most urgent pathways get the earliest dates (in time: walking from the latest date down, the
 * least urgent keep the later dates; late: walking from the earliest date up, the most overdue take the
 * earliest). allocate() then hands out slot ids within a date by the same rule.
 */
export function decompose(
  net: Network,
  chains: readonly SolverChain[],
  pathways: readonly SolverPathway[],
  arcFlow: Int32Array,
): { chain: Int32Array; dayIndex: Int32Array } {
  const nP = pathways.length;
  const chainOf = new Int32Array(nP).fill(-1);
  const dayOf = new Int32Array(nP).fill(-1);
  const enterI: number[][][] = chains.map((c) => c.days.map(() => []));
  const enterL: number[][][] = chains.map((c) => c.days.map(() => []));
  for (let p = 0; p < nP; p++) {
    for (let a = net.pathwayArcStart[p]; a < net.pathwayArcStart[p + 1]; a++) {
      if (arcFlow[a] === 0) continue;
      (net.entryLate[a] ? enterL : enterI)[net.entryChain[a]][net.entryIndex[a]].push(p);
    }
  }
  const byDeadline = (a: number, b: number) => pathways[a].deadline - pathways[b].deadline || a - b;
  const place = (p: number, c: number, j: number) => {
    chainOf[p] = c;
    dayOf[p] = j;
  };
  for (let c = 0; c < chains.length; c++) {
    const k = chains[c].days.length;
    let carried: number[] = [];
    for (let j = k - 1; j >= 0; j--) {
      if (enterI[c][j].length > 0) {
        carried.push(...enterI[c][j]);
        carried.sort(byDeadline);
      }
      const drain = arcFlow[net.drainI[c][j]];
      for (const p of carried.splice(carried.length - drain, drain)) place(p, c, j);
      if (carried.length !== (j > 0 ? arcFlow[net.stepI[c][j]] : 0))
        throw new Error('solveAllocation: in-time chain flow is not conserved');
    }
    carried = [];
    for (let j = 0; j < k; j++) {
      if (enterL[c][j].length > 0) {
        carried.push(...enterL[c][j]);
        carried.sort(byDeadline);
      }
      const drain = arcFlow[net.drainL[c][j]];
      for (const p of carried.splice(0, drain)) place(p, c, j);
      if (carried.length !== (j + 1 < k ? arcFlow[net.stepL[c][j]] : 0))
        throw new Error('solveAllocation: late chain flow is not conserved');
    }
  }
  return { chain: chainOf, dayIndex: dayOf };
}
