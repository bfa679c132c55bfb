import { danishHolidays, easterSunday } from './holidays';
import { type Calendar, type Holiday, dayOfWeek, diffDays, isWorkingDay } from './index';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

function list(entries: [string, string][]): Holiday[] {
  return entries.map(([date, name]) => ({ date, name }));
}

/** Hand-written from the 2023–2027 Danish calendars; PUBLIC_SECTOR adds Grundlovsdag, Juleaften, Nytårsaften. */
const EXPECTED: Record<number, Record<Calendar, Holiday[]>> = {
  2023: {
    OFFICIAL: list([
      ['2023-01-01', 'Nytårsdag'],
      ['2023-04-06', 'Skærtorsdag'],
      ['2023-04-07', 'Langfredag'],
      ['2023-04-09', 'Påskedag'],
      ['2023-04-10', '2. påskedag'],
      ['2023-05-05', 'Store bededag'],
      ['2023-05-18', 'Kristi himmelfartsdag'],
      ['2023-05-28', 'Pinsedag'],
      ['2023-05-29', '2. pinsedag'],
      ['2023-12-25', 'Juledag'],
      ['2023-12-26', '2. juledag'],
    ]),
    PUBLIC_SECTOR: list([
      ['2023-01-01', 'Nytårsdag'],
      ['2023-04-06', 'Skærtorsdag'],
      ['2023-04-07', 'Langfredag'],
      ['2023-04-09', 'Påskedag'],
      ['2023-04-10', '2. påskedag'],
      ['2023-05-05', 'Store bededag'],
      ['2023-05-18', 'Kristi himmelfartsdag'],
      ['2023-05-28', 'Pinsedag'],
      ['2023-05-29', '2. pinsedag'],
      ['2023-06-05', 'Grundlovsdag'],
      ['2023-12-24', 'Juleaftensdag'],
      ['2023-12-25', 'Juledag'],
      ['2023-12-26', '2. juledag'],
      ['2023-12-31', 'Nytårsaftensdag'],
    ]),
  },
  2024: {
    OFFICIAL: list([
      ['2024-01-01', 'Nytårsdag'],
      ['2024-03-28', 'Skærtorsdag'],
      ['2024-03-29', 'Langfredag'],
      ['2024-03-31', 'Påskedag'],
      ['2024-04-01', '2. påskedag'],
      ['2024-05-09', 'Kristi himmelfartsdag'],
      ['2024-05-19', 'Pinsedag'],
      ['2024-05-20', '2. pinsedag'],
      ['2024-12-25', 'Juledag'],
      ['2024-12-26', '2. juledag'],
    ]),
    PUBLIC_SECTOR: list([
      ['2024-01-01', 'Nytårsdag'],
      ['2024-03-28', 'Skærtorsdag'],
      ['2024-03-29', 'Langfredag'],
      ['2024-03-31', 'Påskedag'],
      ['2024-04-01', '2. påskedag'],
      ['2024-05-09', 'Kristi himmelfartsdag'],
      ['2024-05-19', 'Pinsedag'],
      ['2024-05-20', '2. pinsedag'],
      ['2024-06-05', 'Grundlovsdag'],
      ['2024-12-24', 'Juleaftensdag'],
      ['2024-12-25', 'Juledag'],
      ['2024-12-26', '2. juledag'],
      ['2024-12-31', 'Nytårsaftensdag'],
    ]),
  },
  2025: {
    OFFICIAL: list([
      ['2025-01-01', 'Nytårsdag'],
      ['2025-04-17', 'Skærtorsdag'],
      ['2025-04-18', 'Langfredag'],
      ['2025-04-20', 'Påskedag'],
      ['2025-04-21', '2. påskedag'],
      ['2025-05-29', 'Kristi himmelfartsdag'],
      ['2025-06-08', 'Pinsedag'],
      ['2025-06-09', '2. pinsedag'],
      ['2025-12-25', 'Juledag'],
      ['2025-12-26', '2. juledag'],
    ]),
    PUBLIC_SECTOR: list([
      ['2025-01-01', 'Nytårsdag'],
      ['2025-04-17', 'Skærtorsdag'],
      ['2025-04-18', 'Langfredag'],
      ['2025-04-20', 'Påskedag'],
      ['2025-04-21', '2. påskedag'],
      ['2025-05-29', 'Kristi himmelfartsdag'],
      ['2025-06-05', 'Grundlovsdag'],
      ['2025-06-08', 'Pinsedag'],
      ['2025-06-09', '2. pinsedag'],
      ['2025-12-24', 'Juleaftensdag'],
      ['2025-12-25', 'Juledag'],
      ['2025-12-26', '2. juledag'],
      ['2025-12-31', 'Nytårsaftensdag'],
    ]),
  },
  2026: {
    OFFICIAL: list([
      ['2026-01-01', 'Nytårsdag'],
      ['2026-04-02', 'Skærtorsdag'],
      ['2026-04-03', 'Langfredag'],
      ['2026-04-05', 'Påskedag'],
      ['2026-04-06', '2. påskedag'],
      ['2026-05-14', 'Kristi himmelfartsdag'],
      ['2026-05-24', 'Pinsedag'],
      ['2026-05-25', '2. pinsedag'],
      ['2026-12-25', 'Juledag'],
      ['2026-12-26', '2. juledag'],
    ]),
    PUBLIC_SECTOR: list([
      ['2026-01-01', 'Nytårsdag'],
      ['2026-04-02', 'Skærtorsdag'],
      ['2026-04-03', 'Langfredag'],
      ['2026-04-05', 'Påskedag'],
      ['2026-04-06', '2. påskedag'],
      ['2026-05-14', 'Kristi himmelfartsdag'],
      ['2026-05-24', 'Pinsedag'],
      ['2026-05-25', '2. pinsedag'],
      ['2026-06-05', 'Grundlovsdag'],
      ['2026-12-24', 'Juleaftensdag'],
      ['2026-12-25', 'Juledag'],
      ['2026-12-26', '2. juledag'],
      ['2026-12-31', 'Nytårsaftensdag'],
    ]),
  },
  2027: {
    OFFICIAL: list([
      ['2027-01-01', 'Nytårsdag'],
      ['2027-03-25', 'Skærtorsdag'],
      ['2027-03-26', 'Langfredag'],
      ['2027-03-28', 'Påskedag'],
      ['2027-03-29', '2. påskedag'],
      ['2027-05-06', 'Kristi himmelfartsdag'],
      ['2027-05-16', 'Pinsedag'],
      ['2027-05-17', '2. pinsedag'],
      ['2027-12-25', 'Juledag'],
      ['2027-12-26', '2. juledag'],
    ]),
    PUBLIC_SECTOR: list([
      ['2027-01-01', 'Nytårsdag'],
      ['2027-03-25', 'Skærtorsdag'],
      ['2027-03-26', 'Langfredag'],
      ['2027-03-28', 'Påskedag'],
      ['2027-03-29', '2. påskedag'],
      ['2027-05-06', 'Kristi himmelfartsdag'],
      ['2027-05-16', 'Pinsedag'],
      ['2027-05-17', '2. pinsedag'],
      ['2027-06-05', 'Grundlovsdag'],
      ['2027-12-24', 'Juleaftensdag'],
      ['2027-12-25', 'Juledag'],
      ['2027-12-26', '2. juledag'],
      ['2027-12-31', 'Nytårsaftensdag'],
    ]),
  },
};

describe('danishHolidays', () => {
  describe.each([2023, 2024, 2025, 2026, 2027])('%i', (year) => {
    it.each<Calendar>(['OFFICIAL', 'PUBLIC_SECTOR'])('%s calendar matches the hand-written list', (calendar) => {
      expect(danishHolidays(year, calendar)).toEqual(EXPECTED[year][calendar]);
    });

    it('defaults to the PUBLIC_SECTOR calendar', () => {
      expect(danishHolidays(year)).toEqual(EXPECTED[year].PUBLIC_SECTOR);
    });
  });

  it('has Store bededag (Easter + 26, a Friday) up to and including 2023 and not from 2024', () => {
    const storeBededag = (year: number) => danishHolidays(year, 'OFFICIAL').find((h) => h.name === 'Store bededag');
    expect(storeBededag(1900)?.date).toBe('1900-05-11');
    expect(storeBededag(2022)?.date).toBe('2022-05-13');
    expect(storeBededag(2023)?.date).toBe('2023-05-05');
    for (const year of [2024, 2025, 2100, 2200]) expect(storeBededag(year)).toBeUndefined();
    for (let year = 1900; year <= 2023; year++) {
      const date = storeBededag(year)!.date;
      expect(dayOfWeek(date)).toBe(5);
      expect(diffDays(easterSunday(year), date)).toBe(26);
    }
  });

  it('lists both holidays when Pinsedag falls on Grundlovsdag (2022)', () => {
    expect(danishHolidays(2022).filter((h) => h.date === '2022-06-05')).toEqual([
      { date: '2022-06-05', name: 'Pinsedag' },
      { date: '2022-06-05', name: 'Grundlovsdag' },
    ]);
    expect(danishHolidays(2022, 'OFFICIAL').filter((h) => h.date === '2022-06-05')).toEqual([
      { date: '2022-06-05', name: 'Pinsedag' },
    ]);
  });

  it('is sorted by date, within its year and free of working days for every supported year', () => {
    for (let year = 1900; year <= 2200; year++) {
      for (const calendar of ['OFFICIAL', 'PUBLIC_SECTOR'] as const) {
        const holidays = danishHolidays(year, calendar);
        const dates = holidays.map((h) => h.date);
        expect(dates).toEqual([...dates].sort());
        expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
        expect(dates.some((date) => isWorkingDay(date, calendar))).toBe(false);
      }
    }
  });

  it('returns a fresh list each time, so callers cannot corrupt the cache', () => {
    const first = danishHolidays(2025);
    first.pop();
    first[0].name = 'changed';
    expect(danishHolidays(2025)).toEqual(EXPECTED[2025].PUBLIC_SECTOR);
  });

  it.each([1899, 2201, 2024.5, Number.NaN, '2025' as unknown as number])('rejects year %p', (year) => {
    expect(() => danishHolidays(year)).toThrow(inputError('year'));
  });

  it('rejects an unknown calendar', () => {
    expect(() => danishHolidays(2025, 'PRIVATE' as Calendar)).toThrow(inputError('calendar'));
  });
});

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [1900, '1900-04-15'],
    [1913, '1913-03-23'],
    [1943, '1943-04-25'],
    [1954, '1954-04-18'],
    [1981, '1981-04-19'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2049, '2049-04-18'],
    [2076, '2076-04-19'],
    [2100, '2100-03-28'],
    [2160, '2160-03-23'],
    [2200, '2200-04-06'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is a Sunday between 22 March and 25 April in every supported year', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(dayOfWeek(easter)).toBe(7);
      expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
    }
  });

  it('rejects years outside 1900–2200', () => {
    expect(() => easterSunday(1899)).toThrow(inputError('year'));
    expect(() => easterSunday(2201)).toThrow(inputError('year'));
  });
});
