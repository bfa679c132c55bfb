import { DeadlineInputError } from './errors';
import type { ISODate } from './types';

/*
 * Dates are handled as integer day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), so no
 * Date object, time zone or DST change can ever shift a calendar date. Formatting uses Howard Hinnant's
 * civil-from-days algorithm; parsing reads the digits by char code and looks the year up in a table.
 */

/** Day numbers of 0001-01-01 and 9999-12-31: the range a 'YYYY-MM-DD' string can express. */
export const MIN_DAY_NUMBER = -719162;
export const MAX_DAY_NUMBER = 2932896;

const DIGIT_0 = 48;
const DASH = 45;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day number of a civil date; the fields must already be valid. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

function formatDayNumber(dayNumber: number): ISODate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const yyyy = year >= 1000 ? '' + year : ('000' + year).slice(-4);
  return yyyy + '-' + twoDigits(month) + '-' + twoDigits(day);
}

/*
 * Formatted strings for 1900-01-01 .. 2200-12-31 are memoized on first use: deadlines and working-day results
 * are formatted in hot loops, and an array lookup is far cheaper than building the string again.
 */
const CACHE_FIRST_DAY = dayNumberFromParts(1900, 1, 1);
const CACHE_LAST_DAY = dayNumberFromParts(2200, 12, 31);
const formatCache: string[] = [];
for (let day = CACHE_FIRST_DAY; day <= CACHE_LAST_DAY; day++) formatCache.push('');

/** The 'YYYY-MM-DD' string of a day number (days since 1970-01-01). */
export function fromDayNumber(dayNumber: number): ISODate {
  const index = dayNumber - CACHE_FIRST_DAY;
  // Undefined for anything but an integer inside the cached range, which then takes the checked path below.
  const cached = formatCache[index];
  if (cached !== undefined) return cached !== '' ? cached : (formatCache[index] = formatDayNumber(dayNumber));
  if (!Number.isInteger(dayNumber) || dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw new DeadlineInputError('dayNumber', `${dayNumber} is not a day number between 0001-01-01 and 9999-12-31`);
  }
  return formatDayNumber(dayNumber);
}

/** True for 0..9; an unsigned shift turns a negative (non-digit) difference into a huge number. */
function isDigit(value: number): boolean {
  return value >>> 0 <= 9;
}

/*
 * Lookup tables for parsing, which runs several times per deadline: day number of 1 January and leap flag for
 * every four-digit year, and the day of the year each month starts on (non-leap).
 */
const YEAR_START = new Int32Array(10000);
const LEAP = new Uint8Array(10000);
for (let year = 1, start = MIN_DAY_NUMBER; year <= 9999; year++) {
  YEAR_START[year] = start;
  LEAP[year] = isLeapYear(year) ? 1 : 0;
  start += 365 + LEAP[year];
}
const MONTH_START = Int16Array.of(0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334);
const MONTH_LENGTH = Int8Array.of(0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);

/** Day number of a 'YYYY-MM-DD' string, or NaN when it is not a real date in that exact format. */
export function parseDayNumber(value: unknown): number {
  if (typeof value !== 'string' || value.length !== 10) return NaN;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return NaN;
  const y1 = value.charCodeAt(0) - DIGIT_0;
  const y2 = value.charCodeAt(1) - DIGIT_0;
  const y3 = value.charCodeAt(2) - DIGIT_0;
  const y4 = value.charCodeAt(3) - DIGIT_0;
  const m1 = value.charCodeAt(5) - DIGIT_0;
  const m2 = value.charCodeAt(6) - DIGIT_0;
  const d1 = value.charCodeAt(8) - DIGIT_0;
  const d2 = value.charCodeAt(9) - DIGIT_0;
  if (!isDigit(y1) || !isDigit(y2) || !isDigit(y3) || !isDigit(y4) || !isDigit(m1) || !isDigit(m2)) return NaN;
  if (!isDigit(d1) || !isDigit(d2)) return NaN;
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year === 0 || month === 0 || month > 12 || day === 0) return NaN;
  const leap = month >= 2 ? LEAP[year] : 0;
  if (day > MONTH_LENGTH[month] + (month === 2 ? leap : 0)) return NaN;
  return YEAR_START[year] + MONTH_START[month] + (month > 2 ? leap : 0) + day - 1;
}

/** Day number of a 'YYYY-MM-DD' string; throws DeadlineInputError naming `field` if it is not a real date. */
export function toDayNumber(value: unknown, field = 'date'): number {
  const dayNumber = parseDayNumber(value);
  if (Number.isNaN(dayNumber)) throw invalidDate(value, field);
  return dayNumber;
}

export function invalidDate(value: unknown, field: string): DeadlineInputError {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new DeadlineInputError(field, `${shown} is not a valid date in the format YYYY-MM-DD`);
}

/** True for a real calendar date in the exact format 'YYYY-MM-DD' (e.g. '2024-02-29' but not '2025-02-29'). */
export function isValidISODate(value: unknown): value is ISODate {
  return !Number.isNaN(parseDayNumber(value));
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Splits a valid 'YYYY-MM-DD' into numbers; throws DeadlineInputError naming `field` otherwise. */
export function parseISODate(value: unknown, field = 'date'): DateParts {
  toDayNumber(value, field);
  const s = value as string;
  return { year: +s.slice(0, 4), month: +s.slice(5, 7), day: +s.slice(8, 10) };
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeekOfDayNumber(dayNumber: number): number {
  // 1970-01-01 (day 0) was a Thursday.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO day of the week of a date: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: ISODate): number {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

function checkInteger(n: unknown, field: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new DeadlineInputError(field, `${String(n)} is not an integer`);
  }
}

/** The date `n` calendar days after `date` (before it if n is negative). */
export function addDays(date: ISODate, n: number): ISODate {
  const start = toDayNumber(date, 'date');
  checkInteger(n, 'n');
  const result = start + n;
  if (result < MIN_DAY_NUMBER || result > MAX_DAY_NUMBER) {
    throw new DeadlineInputError('n', `${date} + ${n} days is outside 0001-01-01 .. 9999-12-31`);
  }
  return fromDayNumber(result);
}

/** Calendar days from `a` to `b` (b - a): positive when b is later. */
export function diffDays(a: ISODate, b: ISODate): number {
  return toDayNumber(b, 'b') - toDayNumber(a, 'a');
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`; usable as an Array.sort comparator. */
export function compareISODate(a: ISODate, b: ISODate): -1 | 0 | 1 {
  const d = toDayNumber(a, 'a') - toDayNumber(b, 'b');
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

const HOUR_MS = 3_600_000;
let offsetFormatter: Intl.DateTimeFormat | undefined;
const offsetByHour = new Map<number, number>();

function copenhagenOffsetUncached(instantMs: number): number {
  offsetFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const f: Record<string, number> = {};
  for (const part of offsetFormatter.formatToParts(new Date(instantMs)))
    if (part.type !== 'literal') f[part.type] = Number(part.value);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Copenhagen's offset from UTC in ms at an instant (3,600,000 in winter, 7,200,000 in summer), from the time-zone
 * database. Remembered per UTC hour, since Danish clocks change on the hour: asking the database costs ~0.1 ms, and
 * every request asks for "today". An hour with a change inside it (before standard time) is not remembered.
 */
export function copenhagenOffsetMs(instantMs: number): number {
  const hour = Math.floor(instantMs / HOUR_MS);
  const known = offsetByHour.get(hour);
  if (known !== undefined) return known;
  const offset = copenhagenOffsetUncached(hour * HOUR_MS);
  if (copenhagenOffsetUncached(hour * HOUR_MS + HOUR_MS - 1000) !== offset) return copenhagenOffsetUncached(instantMs);
  if (offsetByHour.size >= 10_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/**
 * The calendar date in Europe/Copenhagen at the instant `now`: what "today" means for Danish deadlines,
 * whatever time zone the server runs in.
 */
export function todayInCopenhagen(now: Date = new Date()): ISODate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new DeadlineInputError('now', `${String(now)} is not a valid instant`);
  }
  const wall = new Date(now.getTime() + copenhagenOffsetMs(now.getTime()));
  return fromDayNumber(dayNumberFromParts(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()));
}
