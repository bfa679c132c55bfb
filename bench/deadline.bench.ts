import {
  type DeadlineInput,
  type ISODate,
  type Pause,
  type Phase,
  addWorkingDays,
  computeDeadline,
} from '../libs/deadline/src';
import type { BenchResult } from './types';
import { prng, runStandalone } from './util';

const ISSUE = '#4 deadline';
const TARGET_CALLS_PER_SECOND = 1_000_000;
const TARGET = '>= 1,000,000 calls/s';
const INPUT_COUNT = 8192;

function isoFromUtc(ms: number): ISODate {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2020, 0, 1);
const SPAN_DAYS = 365 * 10;

/** A realistic mix: all three phases, about half accepted, 0–3 pauses that may overlap, touch or start late. */
function deadlineInputs(random: () => number): DeadlineInput[] {
  const phases: Phase[] = ['DIAGNOSTIC', 'PRIMARY_TREATMENT', 'ADJUVANT_TREATMENT'];
  const inputs: DeadlineInput[] = [];
  for (let i = 0; i < INPUT_COUNT; i++) {
    const start = START_MS + Math.floor(random() * SPAN_DAYS) * DAY_MS;
    const input: DeadlineInput = { phase: phases[i % 3], clockStart: isoFromUtc(start) };
    if (random() < 0.5) input.patientAcceptedOn = isoFromUtc(start + Math.floor(random() * 20) * DAY_MS);
    const pauseCount = Math.floor(random() * 4);
    if (pauseCount > 0) {
      const pauses: Pause[] = [];
      for (let p = 0; p < pauseCount; p++) {
        const from = start + Math.floor(random() * 40 - 5) * DAY_MS;
        const to = from + Math.floor(random() * 10) * DAY_MS;
        const reason = random() < 0.5 ? 'PATIENT_CHOICE' : 'HEALTH';
        pauses.push({ from: isoFromUtc(from), to: isoFromUtc(to), reason });
      }
      input.pauses = pauses;
    }
    inputs.push(input);
  }
  return inputs;
}

function workingDayInputs(random: () => number): ISODate[] {
  const dates: ISODate[] = [];
  for (let i = 0; i < INPUT_COUNT; i++) dates.push(isoFromUtc(START_MS + Math.floor(random() * SPAN_DAYS) * DAY_MS));
  return dates;
}

/**
 * Calls `call(i)` over the input indices for about `seconds` after a warm-up and returns calls per second.
 * The checksum keeps the results alive so the optimiser cannot drop the calls.
 */
function measure(call: (i: number) => number, seconds: number): { callsPerSecond: number; checksum: number } {
  let checksum = 0;
  for (let i = 0; i < 200_000; i++) checksum += call(i % INPUT_COUNT);
  const batch = 100_000;
  let calls = 0;
  const started = process.hrtime.bigint();
  let elapsedNs = 0n;
  const budgetNs = BigInt(Math.round(seconds * 1e9));
  while (elapsedNs < budgetNs) {
    for (let i = 0; i < batch; i++) checksum += call((calls + i) % INPUT_COUNT);
    calls += batch;
    elapsedNs = process.hrtime.bigint() - started;
  }
  return { callsPerSecond: calls / (Number(elapsedNs) / 1e9), checksum };
}

function result(name: string, callsPerSecond: number, note: string): BenchResult {
  return {
    issue: ISSUE,
    name,
    value: Math.round(callsPerSecond),
    unit: 'calls/s',
    target: TARGET,
    pass: callsPerSecond >= TARGET_CALLS_PER_SECOND,
    note,
  };
}

export async function run(): Promise<BenchResult[]> {
  const random = prng(4);
  const inputs = deadlineInputs(random);
  const dates = workingDayInputs(random);

  const deadlines = measure((i) => computeDeadline(inputs[i]).pausedDays, 1);
  const workingDays = measure((i) => addWorkingDays(dates[i], 8).charCodeAt(9), 1);

  return [
    result(
      'computeDeadline',
      deadlines.callsPerSecond,
      `${INPUT_COUNT} inputs 2020–2029, all phases, 0–3 pauses (checksum ${deadlines.checksum})`,
    ),
    result(
      'addWorkingDays(d, 8)',
      workingDays.callsPerSecond,
      `${INPUT_COUNT} dates 2020–2029, PUBLIC_SECTOR calendar (checksum ${workingDays.checksum})`,
    ),
  ];
}

runStandalone(module, run);
