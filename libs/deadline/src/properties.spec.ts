import fc from 'fast-check';
import { fromDayNumber } from './date';
import {
  type Calendar,
  type DeadlineInput,
  type Pause,
  type Phase,
  addDays,
  addWorkingDays,
  computeDeadline,
  dayOfWeek,
  diffDays,
  isWorkingDay,
  toDayNumber,
  workingDaysBetween,
} from './index';

const dateIn = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
const date = dateIn('1990-01-01', '2150-12-31');
const count = fc.integer({ min: 0, max: 400 });
const calendar = fc.constantFrom<Calendar>('PUBLIC_SECTOR', 'OFFICIAL');

const pauseNear = (clockStart: string) =>
  fc
    .record({
      start: fc.integer({ min: -30, max: 60 }),
      length: fc.integer({ min: 0, max: 20 }),
      reason: fc.constantFrom<Pause['reason']>('PATIENT_CHOICE', 'HEALTH'),
    })
    .map(({ start, length, reason }) => ({
      from: addDays(clockStart, start),
      to: addDays(clockStart, start + length),
      reason,
    }));

function deadlineInputWith(maxPauses: number): fc.Arbitrary<DeadlineInput> {
  return fc
    .record({
      phase: fc.constantFrom<Phase>('DIAGNOSTIC', 'PRIMARY_TREATMENT', 'ADJUVANT_TREATMENT'),
      clockStart: date,
      acceptedAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    })
    .chain(({ phase, clockStart, acceptedAfter }) =>
      fc.array(pauseNear(clockStart), { maxLength: maxPauses }).map((pauses) => ({
        phase,
        clockStart,
        patientAcceptedOn: acceptedAfter === undefined ? undefined : addDays(clockStart, acceptedAfter),
        pauses,
      })),
    );
}
const deadlineInput = deadlineInputWith(6);

/**
 * Independent model of the pause rule: the clock stands still on paused days (on or after clockStart), and the
 * deadline is the first unpaused day by which as many unpaused days have passed as the base rule allows.
 */
function deadlineByStoppedClock(input: DeadlineInput, baseDeadline: string): string {
  const start = toDayNumber(input.clockStart);
  const allowed = toDayNumber(baseDeadline) - start;
  const paused = new Set<number>();
  for (const p of input.pauses ?? []) {
    for (let day = Math.max(toDayNumber(p.from), start); day < toDayNumber(p.to); day++) paused.add(day);
  }
  let day = start;
  let running = 0;
  while (running < allowed || paused.has(day)) {
    if (!paused.has(day)) running++;
    day++;
  }
  return fromDayNumber(day);
}

describe('properties: working days', () => {
  it('workingDaysBetween(d, addWorkingDays(d, n)) = n', () => {
    fc.assert(
      fc.property(date, count, calendar, (d, n, cal) => {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal)).toBe(n);
      }),
    );
  });

  it('for n ≥ 1 the result is a working day, and the first one with that count', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), calendar, (d, n, cal) => {
        const result = addWorkingDays(d, n, cal);
        expect(isWorkingDay(result, cal)).toBe(true);
        expect(dayOfWeek(result)).toBeLessThanOrEqual(5);
        expect(diffDays(d, result)).toBeGreaterThanOrEqual(n);
        expect(workingDaysBetween(d, addDays(result, -1), cal)).toBe(n - 1);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(date, date, date, calendar, (a, b, c, cal) => {
        expect(workingDaysBetween(b, a, cal) + workingDaysBetween(a, b, cal)).toBe(0);
        expect(workingDaysBetween(a, b, cal) + workingDaysBetween(b, c, cal)).toBe(workingDaysBetween(a, c, cal));
      }),
    );
  });

  it('PUBLIC_SECTOR never has more working days than OFFICIAL', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const to = addDays(d, n);
        expect(workingDaysBetween(d, to, 'PUBLIC_SECTOR')).toBeLessThanOrEqual(workingDaysBetween(d, to, 'OFFICIAL'));
      }),
    );
  });
});

describe('properties: calendar dates', () => {
  it('day numbers, addDays and weekdays agree with Date.UTC', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        const ms = Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
        expect(toDayNumber(d)).toBe(ms / 86_400_000);
        expect(addDays(d, n)).toBe(new Date(ms + n * 86_400_000).toISOString().slice(0, 10));
        expect(dayOfWeek(d) % 7).toBe(new Date(ms).getUTCDay());
      }),
    );
  });
});

describe('properties: computeDeadline', () => {
  it('deadline ≥ baseDeadline and pausedDays = diffDays(baseDeadline, deadline)', () => {
    fc.assert(
      fc.property(deadlineInput, (input) => {
        const result = computeDeadline(input);
        expect(result.deadline >= result.baseDeadline).toBe(true);
        expect(result.pausedDays).toBe(diffDays(result.baseDeadline, result.deadline));
        expect(result.baseDeadline).toBe(computeDeadline({ ...input, pauses: [] }).deadline);
      }),
    );
  });

  it('does not depend on the order of the pauses', () => {
    fc.assert(
      fc.property(
        deadlineInput.chain((input) =>
          fc
            .shuffledSubarray(input.pauses!, { minLength: input.pauses!.length, maxLength: input.pauses!.length })
            .map((shuffled) => [input, { ...input, pauses: shuffled }] as const),
        ),
        ([input, shuffled]) => {
          expect(computeDeadline(shuffled)).toEqual(computeDeadline(input));
        },
      ),
    );
  });

  it('matches a stopped-clock model of the pause rule', () => {
    fc.assert(
      fc.property(deadlineInput, (input) => {
        const result = computeDeadline(input);
        expect(result.deadline).toBe(deadlineByStoppedClock(input, result.baseDeadline));
      }),
    );
  });

  it('matches the stopped-clock model and is order independent for long pause lists too', () => {
    fc.assert(
      fc.property(deadlineInputWith(100), (input) => {
        const result = computeDeadline(input);
        expect(result.deadline).toBe(deadlineByStoppedClock(input, result.baseDeadline));
        expect(computeDeadline({ ...input, pauses: [...input.pauses!].reverse() })).toEqual(result);
      }),
      { numRuns: 50 },
    );
  });

  it('never adds more than the paused days on or after clockStart', () => {
    fc.assert(
      fc.property(deadlineInput, (input) => {
        const start = toDayNumber(input.clockStart);
        const total = (input.pauses ?? []).reduce(
          (sum, p) => sum + Math.max(0, toDayNumber(p.to) - Math.max(start, toDayNumber(p.from))),
          0,
        );
        expect(computeDeadline(input).pausedDays).toBeLessThanOrEqual(total);
      }),
    );
  });
});
