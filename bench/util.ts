/** Pure helpers shared by all benchmarks (no database or Nest imports, so pure benches stay light). */

/** mulberry32: small, fast and the same on every machine, so every run measures the same inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
export const round = (ms: number) => Math.round(ms * 100) / 100;

/** Standalone entry point shared by every bench file. */
export function runStandalone(mod: NodeJS.Module, run: () => Promise<unknown>): void {
  if (require.main !== mod) return;
  run().then(
    (results) => {
      console.table(results);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
