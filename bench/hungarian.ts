import { dayNumber, distanceTenths, lexLayout, packInto } from '../libs/matching/src/allocation';
import type { AllocationInput } from '../libs/matching/src/allocation';
import { DEFAULT_KIND_PENALTY } from '../libs/matching/src/allocation';

/*
 * Baseline for the allocation benchmark: the textbook dense Hungarian algorithm (Kuhn-Munkres with potentials,
 * O(rows^2 x columns), the e-maxx formulation) on the full (pathway, slot) cost matrix, with the same
 * lexicographic cost packed into float64 words as the production solver. Rows are the smaller side (slots as
 * rows when pathways outnumber slots). A pair a pathway may not use costs 0 and counts as "not placed": every
 * usable pair costs -1 placed, so the optimum never prefers it. Shares nothing with the solver but the packing.
 */

export type Objective = [number, number, number, number, number, number];

/** Optimal objective (-in time, -placed, days late, distance tenths, kind penalty, sum of slot days from the first). */
export function hungarianObjective(input: AllocationInput): Objective {
  const penalty = { ...DEFAULT_KIND_PENALTY, ...input.kindPenalty };
  const providers = new Map(input.providers.map((p) => [p.id, p]));
  const firstDay = input.slots.reduce((min, s) => Math.min(min, dayNumber(s.date)), Infinity);
  const slotDay = input.slots.map((s) => dayNumber(s.date));
  const nP = input.pathways.length;
  const nS = input.slots.length;
  if (nP === 0 || nS === 0) return [0, 0, 0, 0, 0, 0];
  const dist = input.pathways.map((pw) => {
    const out = new Map<string, number>();
    const excluded = new Set(pw.excludedProviderIds ?? []);
    for (const pr of input.providers)
      if (!excluded.has(pr.id)) out.set(pr.id, distanceTenths(pw.lat, pw.lon, pr.lat, pr.lon));
    return out;
  });
  const rawCost = (p: number, s: number, out: number[]): boolean => {
    const d = dist[p].get(input.slots[s].providerId);
    if (d === undefined) {
      out.fill(0);
      return false;
    }
    const deadline = dayNumber(input.pathways[p].deadline);
    const day = slotDay[s];
    out[0] = day <= deadline ? -1 : 0;
    out[1] = -1;
    out[2] = Math.max(0, day - deadline);
    out[3] = d;
    out[4] = penalty[providers.get(input.slots[s].providerId)!.kind];
    out[5] = day - firstDay;
    return true;
  };

  const slotsAsRows = nS < nP;
  const n = slotsAsRows ? nS : nP;
  const m = slotsAsRows ? nP : nS;
  // Potentials are sums of at most 2n costs; bound every component by 4 (n + 1) x its largest magnitude.
  const maxAbs = [1, 1, 1, 1, 1, 1];
  const tmpRaw = [0, 0, 0, 0, 0, 0];
  for (let p = 0; p < nP; p++) {
    for (const d of dist[p].values()) maxAbs[3] = Math.max(maxAbs[3], d);
    maxAbs[2] = Math.max(maxAbs[2], Math.max(0, ...slotDay) - dayNumber(input.pathways[p].deadline));
  }
  maxAbs[4] = Math.max(1, ...Object.values(penalty).map(Math.abs));
  maxAbs[5] = Math.max(1, ...slotDay.map((d) => d - firstDay));
  const layout = lexLayout(maxAbs.map((x) => 4 * (n + 1) * x));
  const K = layout.words;
  // Dense matrix, rows 1..n, columns 1..m (1-based as in the textbook).
  const a = new Float64Array((n + 1) * (m + 1) * K);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const [p, s] = slotsAsRows ? [j - 1, i - 1] : [i - 1, j - 1];
      rawCost(p, s, tmpRaw);
      packInto(layout, tmpRaw, a, (i * (m + 1) + j) * K);
    }
  }

  const u = new Float64Array((n + 1) * K);
  const v = new Float64Array((m + 1) * K);
  const match = new Int32Array(m + 1); // row matched to column j
  const way = new Int32Array(m + 1);
  const minv = new Float64Array((m + 1) * K);
  const used = new Uint8Array(m + 1);
  const cur = new Float64Array(K);
  const delta = new Float64Array(K);
  const less = (x: Float64Array, xo: number, y: Float64Array, yo: number) => {
    for (let w = 0; w < K; w++) if (x[xo + w] !== y[yo + w]) return x[xo + w] < y[yo + w];
    return false;
  };
  const INF = Number.MAX_SAFE_INTEGER;
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    minv.fill(INF);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = match[j0];
      delta.fill(INF);
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const ao = (i0 * (m + 1) + j) * K;
        for (let w = 0; w < K; w++) cur[w] = a[ao + w] - u[i0 * K + w] - v[j * K + w];
        if (less(cur, 0, minv, j * K)) {
          minv.set(cur, j * K);
          way[j] = j0;
        }
        if (less(minv, j * K, delta, 0)) {
          delta.set(minv.subarray(j * K, j * K + K));
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          for (let w = 0; w < K; w++) {
            u[match[j] * K + w] += delta[w];
            v[j * K + w] -= delta[w];
          }
        } else {
          for (let w = 0; w < K; w++) minv[j * K + w] -= delta[w];
        }
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 !== 0);
  }

  const total: Objective = [0, 0, 0, 0, 0, 0];
  for (let j = 1; j <= m; j++) {
    if (match[j] === 0) continue;
    const [p, s] = slotsAsRows ? [j - 1, match[j] - 1] : [match[j] - 1, j - 1];
    if (!rawCost(p, s, tmpRaw)) continue;
    for (let k = 0; k < 6; k++) total[k] += tmpRaw[k];
  }
  return total;
}
