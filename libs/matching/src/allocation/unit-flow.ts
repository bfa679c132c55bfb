import type { Network } from './network';

/**
 * Unit flow on a network of network.ts, shared by the direct solver (solver.ts) and level B (level-b.ts): the flow
 * on every arc, the entry each pathway uses, and the used entries listed at their chain node, which are the only
 * entry arcs a search can walk backwards (a pathway displaced from there).
 */
export class UnitFlow {
  readonly arcFlow: Int32Array;
  /** Entry arc carrying a pathway's flow, or -1. */
  readonly matchedEntry: Int32Array;
  /** Used entries by chain node: a linked list through next/prev. */
  readonly usedHead: Int32Array;
  readonly usedNext: Int32Array;
  private readonly usedPrev: Int32Array;

  constructor(private readonly net: Network) {
    this.arcFlow = new Int32Array(net.arcFrom.length);
    this.matchedEntry = new Int32Array(net.n).fill(-1);
    this.usedHead = new Int32Array(net.n).fill(-1);
    this.usedNext = new Int32Array(net.entryArcs);
    this.usedPrev = new Int32Array(net.entryArcs);
  }

  /** Push one unit along arc a (delta 1) or back (delta -1), keeping the used-entry lists current. */
  push(a: number, delta: 1 | -1): void {
    const { net, usedHead, usedNext, usedPrev } = this;
    if (a >= net.entryArcs) {
      this.arcFlow[a] += delta;
      return;
    }
    const v = net.arcTo[a];
    const p = net.arcFrom[a];
    this.arcFlow[a] = delta === 1 ? 1 : 0;
    if (delta === 1) {
      this.matchedEntry[p] = a;
      usedPrev[a] = -1;
      usedNext[a] = usedHead[v];
      if (usedHead[v] >= 0) usedPrev[usedHead[v]] = a;
      usedHead[v] = a;
    } else {
      if (this.matchedEntry[p] === a) this.matchedEntry[p] = -1;
      if (usedPrev[a] >= 0) usedNext[usedPrev[a]] = usedNext[a];
      else usedHead[v] = usedNext[a];
      if (usedNext[a] >= 0) usedPrev[usedNext[a]] = usedPrev[a];
    }
  }
}
