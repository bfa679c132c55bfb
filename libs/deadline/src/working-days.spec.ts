import { type Calendar, addWorkingDays, informationDeadline, isWorkingDay, workingDaysBetween } from './index';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

describe('isWorkingDay', () => {
  it.each<[string, Calendar, boolean]>([
    ['2025-03-03', 'PUBLIC_SECTOR', true],
    ['2025-03-08', 'PUBLIC_SECTOR', false],
    ['2025-03-09', 'PUBLIC_SECTOR', false],
    ['2025-04-17', 'PUBLIC_SECTOR', false],
    ['2025-04-18', 'OFFICIAL', false],
    ['2025-04-21', 'OFFICIAL', false],
    ['2025-04-22', 'OFFICIAL', true],
    ['2023-05-05', 'OFFICIAL', false],
    ['2024-04-26', 'OFFICIAL', true],
    ['2024-04-26', 'PUBLIC_SECTOR', true],
    ['2024-05-09', 'PUBLIC_SECTOR', false],
    ['2024-05-10', 'PUBLIC_SECTOR', true],
    ['2025-06-05', 'PUBLIC_SECTOR', false],
    ['2025-06-05', 'OFFICIAL', true],
    ['2025-12-24', 'PUBLIC_SECTOR', false],
    ['2025-12-24', 'OFFICIAL', true],
    ['2025-12-31', 'PUBLIC_SECTOR', false],
    ['2025-12-31', 'OFFICIAL', true],
    ['2026-01-01', 'OFFICIAL', false],
    ['2024-02-29', 'PUBLIC_SECTOR', true],
  ])('%s in %s: %s', (date, calendar, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });

  it('defaults to the PUBLIC_SECTOR calendar', () => {
    expect(isWorkingDay('2025-12-24')).toBe(false);
    expect(isWorkingDay('2025-12-23')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it.each<[string, number, Calendar, string]>([
    ['2025-03-03', 0, 'PUBLIC_SECTOR', '2025-03-03'],
    ['2025-12-25', 0, 'PUBLIC_SECTOR', '2025-12-25'],
    ['2025-03-08', 0, 'PUBLIC_SECTOR', '2025-03-08'],
    ['2025-03-03', 1, 'PUBLIC_SECTOR', '2025-03-04'],
    ['2025-03-07', 1, 'PUBLIC_SECTOR', '2025-03-10'],
    ['2025-03-08', 1, 'PUBLIC_SECTOR', '2025-03-10'],
    ['2025-03-09', 5, 'PUBLIC_SECTOR', '2025-03-14'],
    ['2025-03-03', 10, 'PUBLIC_SECTOR', '2025-03-17'],
    // Easter week 2025: Skærtorsdag 17/4, Langfredag 18/4, 2. påskedag 21/4.
    ['2025-04-16', 1, 'PUBLIC_SECTOR', '2025-04-22'],
    ['2025-04-16', 1, 'OFFICIAL', '2025-04-22'],
    ['2025-04-11', 8, 'PUBLIC_SECTOR', '2025-04-28'],
    ['2025-04-17', 1, 'PUBLIC_SECTOR', '2025-04-22'],
    // Easter 2024 spans March/April: Skærtorsdag 28/3 … 2. påskedag 1/4.
    ['2024-03-27', 1, 'PUBLIC_SECTOR', '2024-04-02'],
    // Store bededag 2023 (5/5) is off; the same Friday in 2024 (26/4) is a working day.
    ['2023-05-04', 1, 'OFFICIAL', '2023-05-08'],
    ['2024-04-25', 1, 'OFFICIAL', '2024-04-26'],
    // Kristi himmelfartsdag 2025 (29/5), Grundlovsdag (5/6, public sector only) and 2. pinsedag (9/6).
    ['2025-05-28', 1, 'PUBLIC_SECTOR', '2025-05-30'],
    ['2025-06-04', 1, 'PUBLIC_SECTOR', '2025-06-06'],
    ['2025-06-04', 1, 'OFFICIAL', '2025-06-05'],
    ['2025-06-06', 1, 'OFFICIAL', '2025-06-10'],
    // Christmas and New Year.
    ['2025-12-23', 1, 'PUBLIC_SECTOR', '2025-12-29'],
    ['2025-12-23', 1, 'OFFICIAL', '2025-12-24'],
    ['2025-12-23', 3, 'PUBLIC_SECTOR', '2026-01-02'],
    ['2025-12-23', 3, 'OFFICIAL', '2025-12-30'],
    ['2025-12-30', 1, 'PUBLIC_SECTOR', '2026-01-02'],
    ['2025-12-30', 1, 'OFFICIAL', '2025-12-31'],
    ['2026-12-23', 1, 'PUBLIC_SECTOR', '2026-12-28'],
    ['2026-12-30', 1, 'PUBLIC_SECTOR', '2027-01-04'],
    ['2026-12-30', 1, 'OFFICIAL', '2026-12-31'],
    // Leap day.
    ['2024-02-28', 1, 'PUBLIC_SECTOR', '2024-02-29'],
    ['2025-02-28', 1, 'PUBLIC_SECTOR', '2025-03-03'],
    // A whole year: 250 public-sector and 253 official working days in 2025.
    ['2024-12-31', 250, 'PUBLIC_SECTOR', '2025-12-30'],
    ['2024-12-31', 253, 'OFFICIAL', '2025-12-31'],
  ])('addWorkingDays(%s, %i, %s) = %s', (date, n, calendar, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it('defaults to the PUBLIC_SECTOR calendar', () => {
    expect(addWorkingDays('2025-12-23', 1)).toBe('2025-12-29');
  });

  it('reaches the end of the supported range and no further', () => {
    expect(addWorkingDays('2200-12-30', 1, 'OFFICIAL')).toBe('2200-12-31');
    expect(() => addWorkingDays('2200-12-30', 2, 'OFFICIAL')).toThrow(inputError('n'));
    expect(addWorkingDays('2200-12-29', 1)).toBe('2200-12-30');
    expect(() => addWorkingDays('2200-12-30', 1)).toThrow(inputError('n'));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '8' as unknown as number])('rejects n = %p', (n) => {
    expect(() => addWorkingDays('2025-03-03', n)).toThrow(inputError('n'));
  });

  it.each(['2025-02-29', '2025-3-3', '', '1899-12-31', '2201-01-01'])('rejects date %j', (date) => {
    expect(() => addWorkingDays(date, 1)).toThrow(inputError('date'));
  });

  it('rejects an unknown calendar', () => {
    expect(() => addWorkingDays('2025-03-03', 1, 'BANK' as Calendar)).toThrow(inputError('calendar'));
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, Calendar, number]>([
    ['2025-03-03', '2025-03-03', 'PUBLIC_SECTOR', 0],
    ['2025-12-25', '2025-12-25', 'PUBLIC_SECTOR', 0],
    ['2025-03-03', '2025-03-04', 'PUBLIC_SECTOR', 1],
    ['2025-03-04', '2025-03-03', 'PUBLIC_SECTOR', -1],
    ['2025-03-07', '2025-03-10', 'PUBLIC_SECTOR', 1],
    ['2025-03-08', '2025-03-09', 'PUBLIC_SECTOR', 0],
    ['2025-03-03', '2025-03-17', 'PUBLIC_SECTOR', 10],
    ['2025-03-17', '2025-03-03', 'PUBLIC_SECTOR', -10],
    ['2025-12-23', '2025-12-29', 'PUBLIC_SECTOR', 1],
    ['2025-12-23', '2025-12-29', 'OFFICIAL', 2],
    ['2025-12-29', '2025-12-23', 'OFFICIAL', -2],
    ['2025-04-16', '2025-04-22', 'PUBLIC_SECTOR', 1],
    ['2024-12-31', '2025-12-31', 'PUBLIC_SECTOR', 250],
    ['2024-12-31', '2025-12-31', 'OFFICIAL', 253],
    // Whole supported range, counted independently with python-dateutil's Easter.
    ['1900-01-01', '2200-12-31', 'OFFICIAL', 76251],
    ['1900-01-01', '2200-12-31', 'PUBLIC_SECTOR', 75615],
  ])('workingDaysBetween(%s, %s, %s) = %i', (from, to, calendar, expected) => {
    expect(workingDaysBetween(from, to, calendar)).toBe(expected);
  });

  it('names the invalid argument', () => {
    expect(() => workingDaysBetween('2025-02-30', '2025-03-03')).toThrow(inputError('from'));
    expect(() => workingDaysBetween('2025-03-03', '2025-02-30')).toThrow(inputError('to'));
    expect(() => workingDaysBetween('2025-03-03', '2201-01-01')).toThrow(inputError('to'));
    expect(() => workingDaysBetween('2025-03-03', '2025-03-04', 'x' as Calendar)).toThrow(inputError('calendar'));
  });
});

describe('informationDeadline (§ 90: 8 working days)', () => {
  it.each<[string, Calendar | undefined, string]>([
    ['2025-03-03', undefined, '2025-03-13'],
    ['2025-03-08', undefined, '2025-03-19'],
    ['2025-04-11', 'PUBLIC_SECTOR', '2025-04-28'],
    ['2025-12-19', 'PUBLIC_SECTOR', '2026-01-07'],
    ['2025-12-19', 'OFFICIAL', '2026-01-05'],
    ['2023-04-28', 'OFFICIAL', '2023-05-11'],
  ])('referral received %s (%s) → %s', (received, calendar, expected) => {
    expect(informationDeadline(received, calendar)).toBe(expected);
    expect(addWorkingDays(received, 8, calendar)).toBe(expected);
  });

  it('names the referral date in errors', () => {
    expect(() => informationDeadline('2025-02-30')).toThrow(inputError('referralReceived'));
    expect(() => informationDeadline('2200-12-30')).toThrow(inputError('referralReceived'));
    expect(() => informationDeadline('2025-03-03', 'x' as Calendar)).toThrow(inputError('calendar'));
  });
});
