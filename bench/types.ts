/** One measured figure of the benchmark suite, written to bench/results.md next to its target. */
export interface BenchResult {
  issue: string; // e.g. '#4 deadline'
  name: string; // what was measured
  value: number;
  unit: string; // 'calls/s', 'ms', 's', 'MB'
  target?: string; // human readable target, e.g. '>= 1,000,000 calls/s'
  pass?: boolean;
  note?: string;
}
