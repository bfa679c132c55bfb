/**
 * The sample draw, pure: no framework, no database. Reproducible from (population, seed, perStratum) alone and
 * independent of the order the population arrives in: each stratum is sorted by id and shuffled by its own
 * generator seeded from the stated seed and the stratum, so adding pathways to one region does not change the
 * sample of another.
 */
export interface Candidate {
  id: string;
  stratum: number;
}

export interface Drawn extends Candidate {
  /** 0, 1, 2 … across the whole sample: strata in ascending order, then the order drawn. */
  drawOrder: number;
}

export interface StratumCount {
  stratum: number;
  population: number;
  sampled: number;
}

/** mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function drawSample(
  population: readonly Candidate[],
  seed: number,
  perStratum: number,
): { sample: Drawn[]; strata: StratumCount[] } {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an integer 0–4294967295, got ${seed}`);
  if (!Number.isInteger(perStratum) || perStratum < 1)
    throw new RangeError(`perStratum must be a positive integer, got ${perStratum}`);
  const groups = new Map<number, string[]>();
  for (const c of population) {
    const ids = groups.get(c.stratum) ?? [];
    ids.push(c.id);
    groups.set(c.stratum, ids);
  }
  const sample: Drawn[] = [];
  const strata: StratumCount[] = [];
  for (const stratum of [...groups.keys()].sort((a, b) => a - b)) {
    const ids = [...new Set(groups.get(stratum))].sort(byCodePoints);
    const random = prng((seed ^ Math.imul(stratum + 1, 0x9e3779b1)) >>> 0);
    const take = Math.min(perStratum, ids.length);
    // Partial Fisher–Yates: the first `take` positions are a uniform random sample in draw order.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j], ids[i]];
      sample.push({ id: ids[i], stratum, drawOrder: sample.length });
    }
    strata.push({ stratum, population: ids.length, sampled: take });
  }
  return { sample, strata };
}
