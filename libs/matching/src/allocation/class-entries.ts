import { compareWords } from './lex';

/*
 * The free entries of each level-B class (level-b.ts), kept in one binary min-heap per class ordered by
 * key = c(entry) - pi(chain node): the entry's reduced cost up to the class's own potential. They let a forward
 * search relax a class's entries lazily, cheapest first, instead of all of them when a member is settled
 * (Dijkstra with sorted adjacency lists): a search that expands class g at base b relaxes entry i only once
 * b + key(i) is the least tentative distance left, so entries beyond the target's distance are never touched.
 * Measured on one modality of the national-today shape (bench/allocation-instances.ts): the eager searches relaxed
 * 13.4 M entries, of which 150 k lay below the distance of their search's target.
 *
 * Keys change with the potentials, and the heaps are kept across searches, so a stored key is only a lower bound
 * of the true key. That is enough: while pi only decreases (phase 1 of level B: pi += dist - D <= 0 on the settled
 * nodes), true keys only grow, so a stored key never overestimates. The search takes the top entry only when its
 * stored key is current (refreshTop); otherwise the key is raised and the heap repaired, which is how stale keys
 * catch up. Entries taken during a search move to the tail of the class's segment; they are put back, with current
 * keys (restore), when the class is next expanded, so an expansion always starts from all of the class's entries.
 */
export class ClassEntryHeaps {
  /** Class g owns positions [start[g], start[g + 1]) of every array below. */
  readonly start: Int32Array;
  /** Per class and entry index i (position start[g] + i): the entry's chain node, packed cost and stored key. */
  readonly to: Int32Array;
  private readonly cost: Float64Array;
  readonly key: Float64Array;
  /** Heap slots: slot start[g] + h holds an entry index; the first size[g] slots form g's heap, the rest were taken. */
  private readonly entry: Int32Array;
  private readonly size: Int32Array;
  private readonly fresh: Float64Array;

  /**
   * rep[g] is a pathway node of class g; its free entries freeArcs[freeStart[rep - 1] .. freeStart[rep]) are, by
   * the definition of a class, those of every member in the same order, at the same chain nodes and costs.
   */
  constructor(
    private readonly K: number,
    rep: Int32Array,
    freeStart: Int32Array,
    freeArcs: Int32Array,
    arcTo: Int32Array,
    arcCost: Float64Array,
    pi: Float64Array,
  ) {
    const count = rep.length;
    this.start = new Int32Array(count + 1);
    for (let g = 0; g < count; g++) this.start[g + 1] = this.start[g] + freeStart[rep[g]] - freeStart[rep[g] - 1];
    const total = this.start[count];
    this.to = new Int32Array(total);
    this.cost = new Float64Array(total * K);
    this.key = new Float64Array(total * K);
    this.entry = new Int32Array(total);
    this.size = new Int32Array(count);
    this.fresh = new Float64Array(K);
    for (let g = 0; g < count; g++) {
      const s = this.start[g];
      const first = freeStart[rep[g] - 1];
      for (let i = 0; i < this.start[g + 1] - s; i++) {
        const a = freeArcs[first + i];
        this.entry[s + i] = i;
        this.to[s + i] = arcTo[a];
        for (let w = 0; w < K; w++) this.cost[(s + i) * K + w] = arcCost[a * K + w];
      }
      this.restore(g, pi); // size 0: every entry counts as taken
    }
  }

  /** Whether class g has an entry left in its heap. */
  isEmpty(g: number): boolean {
    return this.size[g] === 0;
  }

  /** Offset into `key` of class g's least stored key. */
  topKey(g: number): number {
    return (this.start[g] + this.entry[this.start[g]]) * this.K;
  }

  /** Recompute the key of g's top entry; if it grew, store it, repair the heap and return true (top was stale). */
  refreshTop(g: number, pi: Float64Array): boolean {
    const { K, key, fresh } = this;
    const s = this.start[g];
    const e = s + this.entry[s];
    this.currentKey(e, pi, fresh, 0);
    if (compareWords(fresh, 0, key, e * K, K) <= 0) return false;
    for (let w = 0; w < K; w++) key[e * K + w] = fresh[w];
    this.siftDown(g, this.entry[s]);
    return true;
  }

  /** Remove g's top entry from the heap (it stays in the segment's tail until restore) and return its index. */
  take(g: number): number {
    const s = this.start[g];
    const i = this.entry[s];
    const last = --this.size[g];
    const moved = this.entry[s + last];
    this.entry[s + last] = i;
    if (last > 0) this.siftDown(g, moved);
    return i;
  }

  /** Put every entry taken from g back into its heap, with its key at the current potentials. */
  restore(g: number, pi: Float64Array): void {
    const s = this.start[g];
    const len = this.start[g + 1] - s;
    for (let h = this.size[g]; h < len; h++) {
      const i = this.entry[s + h];
      this.currentKey(s + i, pi, this.key, (s + i) * this.K);
      this.size[g] = h + 1;
      this.siftUp(g, h, i);
    }
  }

  /** key = cost - pi(chain node) of the entry at position e. */
  private currentKey(e: number, pi: Float64Array, out: Float64Array, o: number): void {
    const { K, cost } = this;
    const vo = this.to[e] * K;
    for (let w = 0; w < K; w++) out[o + w] = cost[e * K + w] - pi[vo + w];
  }

  /** Entry i of class g (segment start s) before entry j: by stored key, then index. */
  private less(s: number, i: number, j: number): boolean {
    const { K, key } = this;
    if (K === 1) {
      const x = key[s + i];
      const y = key[s + j];
      return x < y || (x === y && i < j);
    }
    const c = compareWords(key, (s + i) * K, key, (s + j) * K, K);
    return c < 0 || (c === 0 && i < j);
  }

  /** Place entry i, now at slot h, where it belongs above. */
  private siftUp(g: number, h: number, i: number): void {
    const { entry } = this;
    const s = this.start[g];
    while (h > 0) {
      const parent = (h - 1) >> 1;
      const j = entry[s + parent];
      if (!this.less(s, i, j)) break;
      entry[s + h] = j;
      h = parent;
    }
    entry[s + h] = i;
  }

  /** Place entry i, to go into the root slot, where it belongs below. */
  private siftDown(g: number, i: number): void {
    const { entry } = this;
    const s = this.start[g];
    const size = this.size[g];
    let h = 0;
    for (;;) {
      let child = 2 * h + 1;
      if (child >= size) break;
      let j = entry[s + child];
      if (child + 1 < size) {
        const k = entry[s + child + 1];
        if (this.less(s, k, j)) {
          child++;
          j = k;
        }
      }
      if (!this.less(s, j, i)) break;
      entry[s + h] = j;
      h = child;
    }
    entry[s + h] = i;
  }
}
