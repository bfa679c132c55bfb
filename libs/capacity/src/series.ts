import { badInput } from '@app/core';
import { addDays, dayOfWeek, diffDays, type ISODate } from '@app/deadline';
import { copenhagenToUtc } from './copenhagen-time';

/** At most this many slots per publishSlotSeries call: one transaction, one statement, bounded response. */
export const MAX_SERIES_SLOTS = 2000;
/** toDate may be at most this many days after fromDate (one year). */
export const MAX_SERIES_SPAN_DAYS = 365;

export interface SeriesSpec {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Copenhagen local time 'HH:MM'. */
  startTime: string;
  fromDate: ISODate;
  toDate: ISODate;
  countPerOccurrence: number;
}

export interface Occurrence {
  starts: Date;
  /** Copenhagen calendar date of `starts`. */
  date: ISODate;
  /** 0 … countPerOccurrence-1: parallel slots at the same start. */
  seq: number;
}

/**
 * Every slot of a series, in time order: each date from fromDate to toDate (both inclusive) whose weekday is listed,
 * at startTime Copenhagen time (DST-correct), countPerOccurrence times. Throws BAD_USER_INPUT for an invalid span
 * or more than MAX_SERIES_SLOTS slots.
 */
export function expandSeries(spec: SeriesSpec): Occurrence[] {
  const span = diffDays(spec.fromDate, spec.toDate);
  if (span < 0) throw badInput('toDate', `toDate ${spec.toDate} is before fromDate ${spec.fromDate}`);
  if (span > MAX_SERIES_SPAN_DAYS) {
    throw badInput('toDate', `A series may span at most one year; ${spec.fromDate} to ${spec.toDate} is ${span} days`);
  }
  const dates: ISODate[] = [];
  for (let d = spec.fromDate; d <= spec.toDate; d = addDays(d, 1))
    if (spec.weekdays.includes(dayOfWeek(d))) dates.push(d);
  const total = dates.length * spec.countPerOccurrence;
  if (total > MAX_SERIES_SLOTS) {
    throw badInput(
      'toDate',
      `The series would create ${total} slots; at most ${MAX_SERIES_SLOTS} per call. Shorten the period or split it into several series.`,
    );
  }
  const out: Occurrence[] = [];
  for (const date of dates) {
    const starts = copenhagenToUtc(date, spec.startTime);
    for (let seq = 0; seq < spec.countPerOccurrence; seq++) out.push({ starts, date, seq });
  }
  return out;
}
