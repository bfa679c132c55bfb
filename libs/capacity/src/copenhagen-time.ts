import { copenhagenOffsetMs, isValidISODate, type ISODate } from '@app/deadline';

/** A wall-clock time of day 'HH:MM' (00:00–23:59). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

const HOUR_MS = 3_600_000;
/**
 * The instant at which Copenhagen clocks show `time` on `date`. A time that does not exist (the spring-forward
 * hour) is moved forward by the gap, 02:30 → 03:30 CEST; a time that happens twice (autumn) is its first, summer-time
 * occurrence. Both are what a planner writing "02:30" on such a night most plausibly means.
 */
export function copenhagenToUtc(date: ISODate, time: string): Date {
  const t = TIME_OF_DAY.exec(time);
  if (!t || !isValidISODate(date)) throw new RangeError(`Not a Copenhagen date and time: ${date} ${time}`);
  const [y, m, d] = date.split('-').map(Number);
  const wallAsUtc = Date.UTC(y, m - 1, d, Number(t[1]), Number(t[2]));
  // Clocks change at most once a day, so the offsets 12 h either side are the only candidates.
  const before = copenhagenOffsetMs(wallAsUtc - 12 * HOUR_MS);
  const after = copenhagenOffsetMs(wallAsUtc + 12 * HOUR_MS);
  for (const offset of before >= after ? [before, after] : [after, before]) {
    if (copenhagenOffsetMs(wallAsUtc - offset) === offset) return new Date(wallAsUtc - offset);
  }
  return new Date(wallAsUtc - before);
}

/** Copenhagen wall-clock date and time of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function copenhagenWallClock(instant: Date): { date: ISODate; time: string } {
  const iso = new Date(instant.getTime() + copenhagenOffsetMs(instant.getTime())).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
