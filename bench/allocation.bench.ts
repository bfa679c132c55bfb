import { allocate, allocateWithCertificate } from '../libs/matching/src/allocation';
import {
  CLASSES,
  InstanceClass,
  makeClassInstance,
  makeNationalInstances,
  NATIONAL,
  NATIONAL_SHAPES,
  NationalShape,
} from './allocation-instances';
import { hungarianObjective, Objective } from './hungarian';
import type {
  AllocationInput,
  AllocationPathway,
  AllocationProvider,
  AllocationSlot,
  ProviderKind,
} from '../libs/matching/src/allocation';
import type { BenchResult } from './types';
import { prng, runStandalone } from './util';

/*
 * Batch allocation for one cancer area at a collaboration meeting: ~30 providers in 5 regions, 5,000 slots over
 * 8 weeks, pathways whose deadlines fall around the same window and who may not use their own region's providers.
 */

const ISSUE = '#7 matching';
const PROVIDERS = 30;
const REGIONS = 5;
const SLOTS = 5000;
const WEEKS = 8;
const SIZES = [500, 1000, 2000];
const TARGET_MS = 2000;

const START = Date.UTC(2025, 8, 1);
const isoDay = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

export function makeInstance(pathwayCount: number, seed = 7): AllocationInput {
  const rnd = prng(seed);
  const lat = () => 54.5 + rnd() * 3.2;
  const lon = () => 8 + rnd() * 4.7;
  const kinds: ProviderKind[] = ['PUBLIC', 'PUBLIC', 'PUBLIC', 'PUBLIC', 'PRIVATE', 'PRIVATE', 'FOREIGN'];
  const providers: AllocationProvider[] = Array.from({ length: PROVIDERS }, (_, i) => ({
    id: `prov-${String(i).padStart(2, '0')}`,
    kind: kinds[Math.floor(rnd() * kinds.length)],
    lat: lat(),
    lon: lon(),
  }));
  const regionOf = (i: number) => i % REGIONS;
  const slots: AllocationSlot[] = Array.from({ length: SLOTS }, (_, i) => {
    // Weekdays only, as hospitals plan them.
    const week = Math.floor(rnd() * WEEKS);
    const weekday = Math.floor(rnd() * 5);
    return {
      id: `slot-${String(i).padStart(5, '0')}`,
      providerId: providers[Math.floor(rnd() * PROVIDERS)].id,
      date: isoDay(week * 7 + weekday),
    };
  });
  const pathways: AllocationPathway[] = Array.from({ length: pathwayCount }, (_, i) => {
    const region = Math.floor(rnd() * REGIONS);
    return {
      id: `pw-${String(i).padStart(5, '0')}`,
      // From a week before the window to a week after it, so some can only be placed late.
      deadline: isoDay(Math.floor(rnd() * (WEEKS * 7 + 14)) - 7),
      lat: lat(),
      lon: lon(),
      excludedProviderIds: providers.filter((_, j) => regionOf(j) === region).map((p) => p.id),
    };
  });
  return { pathways, slots, providers };
}

function timeMs(input: AllocationInput, repeats: number): { ms: number; placed: number; inTime: number } {
  const times: number[] = [];
  let result = allocate(input);
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    result = allocate(input);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], placed: result.totals.placed, inTime: result.totals.placedInTime };
}

/*
 * Issue #20, national scale: each instance class next to the textbook dense Hungarian on the same instance in
 * the same run (bench/hungarian.ts), where that finishes in under 2 minutes, and next to the solver's direct method
 * (one lexicographic search per pathway, the solver before the level-by-level method; option `insert`). Wall time
 * and CPU time are both reported: the machine is shared, and CPU time is what the solver itself spent.
 * BENCH_ALLOCATION_CLASSES=key,key runs a subset (keys of CLASSES and NATIONAL_SHAPES in allocation-instances.ts);
 * BENCH_HUNGARIAN=0 skips the Hungarian, BENCH_DIRECT=0 the direct method.
 */
const ISSUE_20 = '#20 allocation';
/** Where the dense Hungarian finishes in < 2 min on this machine (the issue's table ran it on the same ones). */
const BASELINE = new Set(['base-500', 'base-2000', 'late-2000', 'more-2000']);
const TARGET_2S = new Set(['base-4000', 'late-4000', 'overdue-4000', 'more-8000']);

interface Timed<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}
function timed<T>(f: () => T): Timed<T> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = f();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function solverObjective(
  input: AllocationInput,
  insert?: 'pathways' | 'slots',
): { objective: Objective; insert: string } {
  const { result, stats } = allocateWithCertificate(input, insert ? { insert } : {});
  const first = input.slots.reduce((min, s) => Math.min(min, Date.parse(s.date) / 86_400_000), Infinity);
  const dayOf = new Map(input.slots.map((s) => [s.id, Date.parse(s.date) / 86_400_000 - first]));
  const t = result.totals;
  const dates = result.assignments.reduce((sum, a) => sum + dayOf.get(a.slotId)!, 0);
  return {
    objective: [
      -t.placedInTime,
      -t.placed,
      t.totalDaysLate,
      Math.round(t.totalDistanceKm * 10),
      t.totalKindPenalty,
      dates,
    ],
    insert: stats.insert,
  };
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export async function runNational(only?: string[], baseline = true, direct = true): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const classes = CLASSES.filter((c) => !only || only.includes(c.key));
  for (const c of classes) results.push(...measureClass(c, baseline && BASELINE.has(c.key), direct));
  for (const shape of NATIONAL_SHAPES.filter((x) => !only || only.includes(x.key)))
    results.push(measureProposalShape(shape, direct));
  return results;
}

/** The direct method on the same instance: its time and whether it reached the same objective. */
function directNote(input: AllocationInput, objective: Objective, cpuMs: number): string {
  const totalSlots = input.slots.length;
  const insert = input.pathways.length > totalSlots ? 'slots' : 'pathways';
  const direct = timed(() => solverObjective(input, insert));
  const same = JSON.stringify(direct.value.objective) === JSON.stringify(objective);
  return `direct method same run ${fmtMs(direct.wallMs)} (CPU ${fmtMs(direct.cpuMs)}, ${(direct.cpuMs / cpuMs).toFixed(1)}x the CPU), same optimum: ${same ? 'yes' : '**NO**'}`;
}

/**
 * The solver alone on the shape of proposeAllocation(LUNG) on the national data set (bench/exchange.bench.ts), in
 * 4 modalities solved one after the other here (the api runs them on its allocation threads, 2 on this machine).
 * Median of 3 after a warm-up.
 */
function measureProposalShape(shape: NationalShape, direct: boolean): BenchResult {
  const inputs = makeNationalInstances(shape);
  inputs.forEach((input) => allocate(input));
  const runs: { wallMs: number; cpuMs: number; slowestMs: number; objectives: Objective[] }[] = [];
  for (let r = 0; r < 3; r++) {
    const each = inputs.map((input) => timed(() => solverObjective(input)));
    runs.push({
      wallMs: each.reduce((s, x) => s + x.wallMs, 0),
      cpuMs: each.reduce((s, x) => s + x.cpuMs, 0),
      slowestMs: Math.max(...each.map((x) => x.wallMs)),
      objectives: each.map((x) => x.value.objective),
    });
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const run = runs[1];
  const notes = [
    `${inputs.map((i) => `${i.pathways.length} x ${i.slots.length}`).join(', ')}; ${NATIONAL.providers} providers, ${NATIONAL.municipalities} municipality points, ${NATIONAL.days} days, deadlines ${shape.deadlineFrom} to ${shape.deadlineTo - 1} days from the first`,
    `CPU ${fmtMs(run.cpuMs)}; slowest modality ${fmtMs(run.slowestMs)}`,
  ];
  if (direct) {
    const d = inputs.map((input, i) => {
      const t = timed(() => solverObjective(input, 'pathways'));
      return { ...t, same: JSON.stringify(t.value.objective) === JSON.stringify(run.objectives[i]) };
    });
    notes.push(
      `direct method same run ${fmtMs(d.reduce((s, x) => s + x.wallMs, 0))} (CPU ${fmtMs(d.reduce((s, x) => s + x.cpuMs, 0))}), same optimum: ${d.every((x) => x.same) ? 'yes' : '**NO**'}`,
    );
  }
  return {
    issue: ISSUE_20,
    name: `solver alone on the proposeAllocation(LUNG) shape: ${shape.pathways.toLocaleString('en-US')} x ${shape.slots.toLocaleString('en-US')} in ${NATIONAL.modalities} modalities, sequential (median of 3)`,
    value: Math.round(run.wallMs),
    unit: 'ms',
    target: 'well under the 1 s end-to-end budget (no pass/fail: the 1 s is end to end)',
    note: notes.join('; '),
  };
}

function measureClass(c: InstanceClass, withBaseline: boolean, withDirect: boolean): BenchResult[] {
  const input = makeClassInstance(c);
  // Warm the JIT on the instance itself, then the median of 3.
  const runs = 3;
  allocate(input);
  const times: Timed<{ objective: Objective; insert: string }>[] = [];
  for (let r = 0; r < runs; r++) times.push(timed(() => solverObjective(input)));
  times.sort((a, b) => a.wallMs - b.wallMs);
  const solver = times[Math.floor(times.length / 2)];
  const name = `allocate ${c.pathways.toLocaleString('en-US')} x ${c.slots.toLocaleString('en-US')}, ${c.label}, ${c.providers} providers`;
  let target: string | undefined;
  let pass: boolean | undefined;
  const notes = [
    `CPU ${fmtMs(solver.cpuMs)}`,
    solver.value.insert === 'levels' ? 'level-by-level method' : `${solver.value.insert} inserted`,
    `objective ${JSON.stringify(solver.value.objective)}`,
  ];
  if (withDirect) notes.unshift(directNote(input, solver.value.objective, solver.cpuMs));
  if (withBaseline) {
    const base = timed(() => hungarianObjective(input));
    const same = JSON.stringify(base.value) === JSON.stringify(solver.value.objective);
    const speedup = base.wallMs / solver.wallMs;
    notes.unshift(
      `dense Hungarian same run ${fmtMs(base.wallMs)} (CPU ${fmtMs(base.cpuMs)}), ${speedup.toFixed(1)}x; same optimum: ${same ? 'yes' : '**NO**'}`,
    );
    if (c.key === 'base-2000') {
      target = '>= 4x faster than dense Hungarian';
      pass = same && speedup >= 4;
    } else {
      target = 'not slower than dense Hungarian';
      pass = same && speedup >= 1;
    }
  } else {
    notes.unshift('dense Hungarian not run (> 2 min at this size)');
  }
  if (TARGET_2S.has(c.key)) {
    target = '<= 2 s';
    pass = solver.wallMs <= 2000;
  }
  return [
    {
      issue: ISSUE_20,
      name: `${name}${runs > 1 ? ' (median of 3)' : ''}`,
      value: Math.round(solver.wallMs),
      unit: 'ms',
      target,
      pass,
      note: notes.join('; '),
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const only = process.env.BENCH_ALLOCATION_CLASSES?.split(',').filter(Boolean);
  const national = await runNational(only, process.env.BENCH_HUNGARIAN !== '0', process.env.BENCH_DIRECT !== '0');
  return [...(await runSmall()), ...national];
}

async function runSmall(): Promise<BenchResult[]> {
  // Let the JIT compile the solver first, so the smallest size is not charged for it.
  const warmUp = makeInstance(300, 1);
  for (let i = 0; i < 5; i++) allocate(warmUp);
  const results: BenchResult[] = [];
  for (const n of SIZES) {
    const { ms, placed, inTime } = timeMs(makeInstance(n), 3);
    const isTarget = n === 2000;
    results.push({
      issue: ISSUE,
      name: `allocate ${n.toLocaleString('en-US')} pathways x ${SLOTS.toLocaleString('en-US')} slots, ${PROVIDERS} providers (median of 3)`,
      value: Math.round(ms * 10) / 10,
      unit: 'ms',
      ...(isTarget ? { target: `<= ${TARGET_MS} ms`, pass: ms <= TARGET_MS } : {}),
      note: `${placed} placed, ${inTime} in time`,
    });
  }
  return results;
}

runStandalone(module, run);
