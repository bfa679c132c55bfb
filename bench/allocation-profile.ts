import { allocateWithCertificate } from '../libs/matching/src/allocation';
import type { AllocationInput } from '../libs/matching/src/allocation';
import { CLASSES, makeClassInstance, makeNationalInstances, NATIONAL_SHAPES } from './allocation-instances';

/*
 * A small driver for profiling the allocation solver (`node --cpu-prof -r ./scripts/paths.js
 * dist/bench/allocation-profile.js national-today 5`): builds one class of allocation-instances.ts, solves it the
 * given number of rounds after a warm-up, and prints the CPU time of each round (process.cpuUsage, per modality for
 * the national shapes) and the six objective components, so two builds can be compared on the same instance.
 */

function objective(input: AllocationInput, insert?: 'pathways' | 'slots'): number[] {
  const { result } = allocateWithCertificate(input, insert ? { insert } : {});
  const first = input.slots.reduce((min, s) => Math.min(min, Date.parse(s.date) / 86_400_000), Infinity);
  const dayOf = new Map(input.slots.map((s) => [s.id, Date.parse(s.date) / 86_400_000 - first]));
  const t = result.totals;
  const dates = result.assignments.reduce((sum, a) => sum + dayOf.get(a.slotId)!, 0);
  return [-t.placedInTime, -t.placed, t.totalDaysLate, Math.round(t.totalDistanceKm * 10), t.totalKindPenalty, dates];
}

function cpuMs<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return [value, (c.user + c.system) / 1000];
}

function main(): void {
  const key = process.argv[2] ?? 'national-today';
  const rounds = Number(process.argv[3] ?? 3);
  const direct = process.argv[4] === 'direct';
  const shape = NATIONAL_SHAPES.find((s) => s.key === key);
  const cls = CLASSES.find((c) => c.key === key);
  if (!shape && !cls) throw new Error(`unknown class ${key}`);
  const inputs = shape ? makeNationalInstances(shape) : [makeClassInstance(cls!)];
  const objectives = inputs.map((input) => objective(input));
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const each = inputs.map((input) => cpuMs(() => objective(input))[1]);
    const total = each.reduce((s, x) => s + x, 0);
    best = Math.min(best, total);
    console.log(`${key} round ${r}: CPU ${total.toFixed(0)} ms (${each.map((x) => x.toFixed(0)).join(', ')})`);
  }
  console.log(`${key} best of ${rounds}: CPU ${best.toFixed(0)} ms`);
  console.log(`objectives ${JSON.stringify(objectives)}`);
  if (direct) {
    const d = inputs.map((input) =>
      objective(input, input.pathways.length > input.slots.length ? 'slots' : 'pathways'),
    );
    console.log(`direct same: ${JSON.stringify(d) === JSON.stringify(objectives)}`);
  }
}

main();
