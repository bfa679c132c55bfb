import { dayNumberFromParts, fromDayNumber } from './date';
import { DeadlineInputError } from './errors';
import { CALENDARS, DEFAULT_CALENDAR, type Calendar, type Holiday, type ISODate } from './types';

/** The years for which holidays (and therefore working days) are defined. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Store bededag stopped being a helligdag from 2024. */
const LAST_STORE_BEDEDAG_YEAR = 2023;

export interface HolidayDay {
  dayNumber: number;
  name: string;
  /** True for the official helligdage; false for the extra days the public sector is closed. */
  official: boolean;
}

export function checkCalendar(calendar: unknown, field = 'calendar'): Calendar {
  if (calendar === undefined || calendar === null) return DEFAULT_CALENDAR;
  if (calendar === 'PUBLIC_SECTOR' || calendar === 'OFFICIAL') return calendar;
  const expected = CALENDARS.join(', ');
  throw new DeadlineInputError(field, `unknown calendar '${String(calendar)}'; expected one of ${expected}`);
}

function checkYear(year: unknown): asserts year is number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DeadlineInputError('year', `${String(year)} is not a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
}

/** Day number of Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSundayDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberFromParts(year, month, day);
}

/** Easter Sunday (Påskedag) of a year between 1900 and 2200. */
export function easterSunday(year: number): ISODate {
  checkYear(year);
  return fromDayNumber(easterSundayDayNumber(year));
}

/** All days off in a year for both calendars, sorted by date; a date can appear twice (e.g. Pinsedag 2022-06-05). */
function computeHolidayDays(year: number): HolidayDay[] {
  const easter = easterSundayDayNumber(year);
  const official = (dayNumber: number, name: string): HolidayDay => ({ dayNumber, name, official: true });
  const publicSector = (dayNumber: number, name: string): HolidayDay => ({ dayNumber, name, official: false });
  const days: HolidayDay[] = [
    official(dayNumberFromParts(year, 1, 1), 'Nytårsdag'),
    official(easter - 3, 'Skærtorsdag'),
    official(easter - 2, 'Langfredag'),
    official(easter, 'Påskedag'),
    official(easter + 1, '2. påskedag'),
  ];
  if (year <= LAST_STORE_BEDEDAG_YEAR) days.push(official(easter + 26, 'Store bededag'));
  days.push(
    official(easter + 39, 'Kristi himmelfartsdag'),
    official(easter + 49, 'Pinsedag'),
    official(easter + 50, '2. pinsedag'),
    official(dayNumberFromParts(year, 12, 25), 'Juledag'),
    official(dayNumberFromParts(year, 12, 26), '2. juledag'),
    publicSector(dayNumberFromParts(year, 6, 5), 'Grundlovsdag'),
    publicSector(dayNumberFromParts(year, 12, 24), 'Juleaftensdag'),
    publicSector(dayNumberFromParts(year, 12, 31), 'Nytårsaftensdag'),
  );
  // Stable sort: on a shared date the helligdag (listed first) stays ahead of the public-sector day.
  return days.sort((x, y) => x.dayNumber - y.dayNumber);
}

const holidayDaysCache = new Map<number, readonly HolidayDay[]>();

/** Cached holiday days of a year (both calendars); the year must be within MIN_YEAR..MAX_YEAR. */
export function holidayDaysOfYear(year: number): readonly HolidayDay[] {
  let days = holidayDaysCache.get(year);
  if (!days) {
    days = Object.freeze(computeHolidayDays(year).map((day) => Object.freeze(day)));
    holidayDaysCache.set(year, days);
  }
  return days;
}

/**
 * The Danish holidays of `year` on which `calendar` has no working day, sorted by date. PUBLIC_SECTOR (default)
 * adds Grundlovsdag, Juleaftensdag and Nytårsaftensdag to the official helligdage.
 */
export function danishHolidays(year: number, calendar?: Calendar): Holiday[] {
  checkYear(year);
  const cal = checkCalendar(calendar);
  const result: Holiday[] = [];
  for (const day of holidayDaysOfYear(year)) {
    if (day.official || cal === 'PUBLIC_SECTOR') result.push({ date: fromDayNumber(day.dayNumber), name: day.name });
  }
  return result;
}
