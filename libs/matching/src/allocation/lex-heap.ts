/*
 * Priority queue for Dijkstra over packed lexicographic distances (see lex.ts): an indexed binary heap, so a
 * node's distance can be lowered in place, with the touched nodes remembered so a search can be reset in time
 * proportional to what it visited (the allocation solver runs thousands of small searches on one big graph).
 */

export const SETTLED = 2;

/**
 * Dijkstra bookkeeping over packed lexicographic distances: an indexed binary heap ordered by distance, then
 * node id (so Z, id 0, wins ties and ends a search early), with the touched nodes remembered for a cheap reset.
 */
export class LexSearch {
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

  /** Put v, which is not in the heap (unseen, or popped and not settled), into it at distance tmp. */
  push(v: number): void {
    const { K, dist, tmp } = this;
    if (this.state[v] === 0) {
      this.state[v] = 1;
      this.touched[this.touchedCount++] = v;
    }
    for (let w = 0; w < K; w++) dist[v * K + w] = tmp[w];
    this.pos[v] = this.size++;
    this.siftUp(v);
  }

  /**
   * Settle v at distance tmp now, whether unseen or waiting in the heap (tmp is then the least distance there is);
   * a waiting v stays in the heap and the caller skips it when it is popped.
   */
  settleNow(v: number): void {
    const { K, dist, tmp } = this;
    if (this.state[v] === 0) this.touched[this.touchedCount++] = v;
    this.state[v] = SETTLED;
    for (let w = 0; w < K; w++) dist[v * K + w] = tmp[w];
  }

  /** Give unseen node v distance tmp and settle it without the heap (its distance is known to be final). */
  settleAt(v: number): void {
    const { K, dist, tmp } = this;
    this.state[v] = SETTLED;
    this.touched[this.touchedCount++] = v;
    for (let w = 0; w < K; w++) dist[v * K + w] = tmp[w];
  }

  /** Whether the heap's least distance is below tmp. */
  topBelow(): boolean {
    if (this.size === 0) return false;
    const { K, dist, tmp } = this;
    const to = this.heap[0] * K;
    for (let w = 0; w < K; w++) {
      if (dist[to + w] !== tmp[w]) return dist[to + w] < tmp[w];
    }
    return false;
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
    if (K === 1) {
      // One word (the common case: level B at national scale): no loop.
      const x = dist[a];
      const y = dist[b];
      return x < y || (x === y && a < b);
    }
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
