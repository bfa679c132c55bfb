import fc from 'fast-check';
import { compareISODate, fromDayNumber, parseISODate } from './date';
import {
  addDays,
  copenhagenOffsetMs,
  dayOfWeek,
  diffDays,
  isValidISODate,
  toDayNumber,
  todayInCopenhagen,
} from './index';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

describe('ISO date parsing', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
    ['1900-01-01', -25567],
    ['2200-12-31', 84370],
    ['0001-01-01', -719162],
    ['9999-12-31', 2932896],
  ])('%s is day number %i and back', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-02-28', true],
    ['2025-12-31', true],
    ['2025-02-29', false],
    ['2100-02-29', false],
    ['1900-02-29', false],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-01-32', false],
    ['0000-01-01', false],
    ['2025-1-01', false],
    ['2025/01/01', false],
    ['20250101', false],
    [' 2025-01-01', false],
    ['2025-01-01T00:00:00Z', false],
    ['2025-01-0a', false],
    ['', false],
  ])('isValidISODate(%j) is %s', (date, valid) => {
    expect(isValidISODate(date)).toBe(valid);
  });

  it.each([[undefined], [null], [20250101], [new Date(0)], [{}]])('isValidISODate rejects non-string %p', (value) => {
    expect(isValidISODate(value)).toBe(false);
  });

  it('parseISODate splits a date into numbers', () => {
    expect(parseISODate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(['2025-02-30', '2025-2-3', 'tomorrow'])('parseISODate(%j) throws naming the field', (date) => {
    expect(() => parseISODate(date, 'treatedOn')).toThrow(inputError('treatedOn'));
    expect(() => parseISODate(date, 'treatedOn')).toThrow(date);
  });

  it('fromDayNumber rejects day numbers a YYYY date cannot express', () => {
    expect(() => fromDayNumber(2932897)).toThrow(inputError('dayNumber'));
    expect(() => fromDayNumber(1.5)).toThrow(inputError('dayNumber'));
  });
});

describe('calendar-day arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-03', 14, '2025-03-17'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-10-26', 1, '2025-10-27'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(diffDays(date, expected)).toBe(n);
  });

  it('diffDays is b - a', () => {
    expect(diffDays('2025-03-17', '2025-03-03')).toBe(-14);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('compareISODate orders dates and sorts', () => {
    expect(compareISODate('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareISODate('2025-01-02', '2025-01-02')).toBe(0);
    expect(compareISODate('2026-01-01', '2025-12-31')).toBe(1);
    expect(['2025-03-01', '2024-12-31', '2025-02-28'].sort(compareISODate)).toEqual([
      '2024-12-31',
      '2025-02-28',
      '2025-03-01',
    ]);
  });

  it.each([
    ['2025-03-03', 1],
    ['2025-03-08', 6],
    ['2025-03-09', 7],
    ['1970-01-01', 4],
    ['1900-01-01', 1],
    ['2200-12-31', 3],
  ])('dayOfWeek(%s) = %i (ISO, Monday = 1)', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('errors name the argument', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(inputError('date'));
    expect(() => addDays('2025-01-01', 1.5)).toThrow(inputError('n'));
    expect(() => addDays('9999-12-31', 1)).toThrow(inputError('n'));
    expect(() => diffDays('x', '2025-01-01')).toThrow(inputError('a'));
    expect(() => diffDays('2025-01-01', '2025-02-29')).toThrow(inputError('b'));
    expect(() => compareISODate('2025-01-01', '')).toThrow(inputError('b'));
  });
});

describe('copenhagenOffsetMs (remembered per UTC hour)', () => {
  // The time-zone database asked directly, for every instant: what the remembered offsets must always equal.
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const direct = (ms: number) => {
    const f = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
  };

  it('equals the time-zone database on every second around the 2025 clock changes, asked in any order', () => {
    for (const change of [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1)]) {
      const instants = Array.from({ length: 7201 }, (_, i) => change - 3_600_000 + i * 1000).reverse();
      for (const ms of instants) expect(copenhagenOffsetMs(ms)).toBe(direct(ms));
    }
    expect(copenhagenOffsetMs(Date.UTC(2025, 2, 30, 0, 59, 59))).toBe(3_600_000);
    expect(copenhagenOffsetMs(Date.UTC(2025, 2, 30, 1))).toBe(7_200_000);
  });

  it('equals the time-zone database on random instants from 1850 to 2100 (incl. local mean time before 1894)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(copenhagenOffsetMs(ms)).toBe(direct(ms));
        expect(copenhagenOffsetMs(ms)).toBe(direct(ms));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('todayInCopenhagen', () => {
  it.each([
    ['2025-12-31T22:59:59Z', '2025-12-31'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
    ['2025-06-30T21:59:59Z', '2025-06-30'],
    ['2025-06-30T22:00:00Z', '2025-07-01'],
    ['2025-03-29T22:59:59Z', '2025-03-29'],
    ['2025-03-29T23:00:00Z', '2025-03-30'],
    ['2025-03-30T21:59:59Z', '2025-03-30'],
    ['2025-03-30T22:00:00Z', '2025-03-31'],
    ['2025-10-26T22:59:59Z', '2025-10-26'],
    ['2025-10-26T23:00:00Z', '2025-10-27'],
    ['2024-02-28T23:30:00Z', '2024-02-29'],
  ])('the instant %s is %s in Copenhagen', (instant, expected) => {
    expect(todayInCopenhagen(new Date(instant))).toBe(expected);
  });

  it('defaults to now', () => {
    const before = todayInCopenhagen(new Date());
    const today = todayInCopenhagen();
    expect(isValidISODate(today)).toBe(true);
    expect(diffDays(before, today)).toBeGreaterThanOrEqual(0);
    expect(diffDays(before, today)).toBeLessThanOrEqual(1);
  });

  it('rejects an invalid instant', () => {
    expect(() => todayInCopenhagen(new Date('not a date'))).toThrow(inputError('now'));
  });
});
