import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './types';

/** Every benchmark of the suite; each module exports run(): Promise<BenchResult[]>. */
const SUITES = [
  './deadline.bench',
  './allocation.bench',
  './capacity.bench',
  './import.bench',
  './exchange.bench',
  './reporting.bench',
];

function load(path: string): (() => Promise<BenchResult[]>) | null {
  try {
    return (require(path) as { run: () => Promise<BenchResult[]> }).run;
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
      String((err as Error).message).includes(path.slice(2))
    )
      return null;
    throw err;
  }
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);

/** BENCH_ONLY=allocation,exchange runs those suites and keeps the other rows of results.md as they were. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const s of SUITES.filter((x) => !ONLY || ONLY.some((o) => x.includes(`/${o}.bench`)))) {
    const run = load(s);
    if (!run) {
      console.log(`(skipped ${s}: not present)`);
      continue;
    }
    console.log(`running ${s} …`);
    results.push(...(await run()));
  }
  const out = join(__dirname, '..', '..', 'bench', 'results.md');
  const measured = new Set(results.map((r) => `${r.issue}|${r.name}`));
  // Rows of suites not run this time, kept from the previous results.md (only with BENCH_ONLY).
  const kept =
    ONLY && existsSync(out)
      ? readFileSync(out, 'utf8')
          .split('<!-- notes -->')[0] // the main table only, not the tables of the notes below it
          .split('\n')
          .filter((l) => l.startsWith('| #') && !measured.has(`${l.split('|')[1].trim()}|${l.split('|')[2].trim()}`))
      : [];
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString()} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}.`,
    `Produced by \`npm run bench\`; figures from one run on a shared machine${ONLY ? ` (this run: ${ONLY.join(', ')}; other rows kept from the previous run)` : ''}.`,
    '',
    '| issue | measured | value | target | pass | note |',
    '|---|---|---|---|---|---|',
    ...kept,
    ...results.map(
      (r) =>
        `| ${r.issue} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : '**no**'} | ${r.note ?? ''} |`,
    ),
    '',
  ];
  // Hand-written notes below the marker survive a re-run.
  const MARKER = '<!-- notes -->';
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : '';
  writeFileSync(out, lines.join('\n') + (notes ? `\n${notes}` : ''));
  console.table(results);
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
