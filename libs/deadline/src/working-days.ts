import { dayNumberFromParts, dayOfWeekOfDayNumber, fromDayNumber, invalidDate, parseDayNumber } from './date';
import { DeadlineInputError } from './errors';
import { MAX_YEAR, MIN_YEAR, checkCalendar, holidayDaysOfYear } from './holidays';
import type { Calendar, ISODate } from './types';

const FIRST_DAY = dayNumberFromParts(MIN_YEAR, 1, 1);
const LAST_DAY = dayNumberFromParts(MAX_YEAR, 12, 31);
const RANGE_TEXT = `${MIN_YEAR}-01-01 .. ${MAX_YEAR}-12-31`;

/**
 * Precomputed for the whole supported range, so every working-day question is an array lookup:
 * `countThrough[i]` = working days from FIRST_DAY through FIRST_DAY + i, and `workingDays[k]` = day number of the
 * (k+1)-th working day of the range. Between two days is then a subtraction, and the n-th working day after a
 * date is one index.
 */
interface WorkingDayTable {
  isWorking: Uint8Array;
  countThrough: Int32Array;
  workingDays: Int32Array;
}

const tables = new Map<Calendar, WorkingDayTable>();

function buildTable(calendar: Calendar): WorkingDayTable {
  const size = LAST_DAY - FIRST_DAY + 1;
  const isWorking = new Uint8Array(size);
  for (let i = 0; i < size; i++) isWorking[i] = dayOfWeekOfDayNumber(FIRST_DAY + i) <= 5 ? 1 : 0;
  for (let year = MIN_YEAR; year <= MAX_YEAR; year++) {
    for (const day of holidayDaysOfYear(year)) {
      if (day.official || calendar === 'PUBLIC_SECTOR') isWorking[day.dayNumber - FIRST_DAY] = 0;
    }
  }
  const countThrough = new Int32Array(size);
  const working: number[] = [];
  let count = 0;
  for (let i = 0; i < size; i++) {
    if (isWorking[i] === 1) {
      count++;
      working.push(FIRST_DAY + i);
    }
    countThrough[i] = count;
  }
  return { isWorking, countThrough, workingDays: Int32Array.from(working) };
}

function tableFor(calendar: unknown): WorkingDayTable {
  const cal = checkCalendar(calendar);
  let table = tables.get(cal);
  if (!table) {
    table = buildTable(cal);
    tables.set(cal, table);
  }
  return table;
}

/** Index of a date into the tables; throws naming `field` if it is invalid or outside the supported years. */
function dayIndex(date: unknown, field: string): number {
  const dayNumber = parseDayNumber(date);
  if (Number.isNaN(dayNumber)) throw invalidDate(date, field);
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    throw new DeadlineInputError(field, `${String(date)} is outside the supported range ${RANGE_TEXT}`);
  }
  return dayNumber - FIRST_DAY;
}

/** Monday–Friday and not a holiday of `calendar` (default PUBLIC_SECTOR). */
export function isWorkingDay(date: ISODate, calendar?: Calendar): boolean {
  const table = tableFor(calendar);
  return table.isWorking[dayIndex(date, 'date')] === 1;
}

/** Day number of the n-th working day after the day at `index`; `nField` names n in the range error. */
function nthWorkingDayAfter(table: WorkingDayTable, index: number, n: number, nField: string): number {
  if (n === 0) return FIRST_DAY + index;
  const k = table.countThrough[index] + n - 1;
  if (k >= table.workingDays.length) {
    throw new DeadlineInputError(nField, `the result would fall after the end of the supported range ${RANGE_TEXT}`);
  }
  return table.workingDays[k];
}

function checkCount(n: unknown, field: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new DeadlineInputError(field, `${String(n)} is not a non-negative integer`);
  }
}

/** The n-th working day after `date` (n ≥ 0; n = 0 returns `date` itself even if it is not a working day). */
export function addWorkingDays(date: ISODate, n: number, calendar?: Calendar): ISODate {
  return addWorkingDaysNamed(date, n, calendar, 'date', 'n');
}

/** addWorkingDays with field names chosen by the caller, so errors name the caller's own inputs. */
export function addWorkingDaysNamed(
  date: ISODate,
  n: number,
  calendar: Calendar | undefined,
  dateField: string,
  nField: string,
): ISODate {
  const table = tableFor(calendar);
  const index = dayIndex(date, dateField);
  checkCount(n, nField);
  return fromDayNumber(nthWorkingDayAfter(table, index, n, nField));
}

/** Working days d with from < d ≤ to; negative (the same count, negated) when to is before from. */
export function workingDaysBetween(from: ISODate, to: ISODate, calendar?: Calendar): number {
  const table = tableFor(calendar);
  return table.countThrough[dayIndex(to, 'to')] - table.countThrough[dayIndex(from, 'from')];
}
