import { DomainError } from '@app/core';
import { dayOfWeek } from '@app/deadline';
import { copenhagenWallClock } from './copenhagen-time';
import { expandSeries, MAX_SERIES_SLOTS, SeriesSpec } from './series';

const spec = (over: Partial<SeriesSpec> = {}): SeriesSpec => ({
  weekdays: [6, 7],
  startTime: '08:00',
  fromDate: '2026-03-23',
  toDate: '2026-04-05',
  countPerOccurrence: 1,
  ...over,
});

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('BAD_USER_INPUT');
    return (err as DomainError).field;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('expandSeries', () => {
  it('generates every listed weekday in the inclusive range, at the local time across the DST switch', () => {
    const occ = expandSeries(spec());
    expect(occ.map((o) => o.date)).toEqual(['2026-03-28', '2026-03-29', '2026-04-04', '2026-04-05']);
    expect(occ.map((o) => o.starts.toISOString())).toEqual([
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-04-04T06:00:00.000Z',
      '2026-04-05T06:00:00.000Z',
    ]);
    for (const o of occ) expect(copenhagenWallClock(o.starts)).toEqual({ date: o.date, time: '08:00' });
  });

  it('repeats each occurrence countPerOccurrence times with seq 0..n-1', () => {
    const occ = expandSeries(
      spec({ weekdays: [1], fromDate: '2026-10-19', toDate: '2026-10-26', countPerOccurrence: 3 }),
    );
    expect(occ.map((o) => `${o.date}/${o.seq}`)).toEqual([
      '2026-10-19/0',
      '2026-10-19/1',
      '2026-10-19/2',
      '2026-10-26/0',
      '2026-10-26/1',
      '2026-10-26/2',
    ]);
    expect(occ[0].starts.toISOString()).toBe('2026-10-19T06:00:00.000Z');
    expect(occ[3].starts.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('includes both ends and handles a one-day series', () => {
    const occ = expandSeries(
      spec({ weekdays: [1, 2, 3, 4, 5, 6, 7], fromDate: '2026-10-25', toDate: '2026-10-25', startTime: '12:30' }),
    );
    expect(occ).toHaveLength(1);
    expect(occ[0].starts.toISOString()).toBe('2026-10-25T11:30:00.000Z');
  });

  it('returns nothing when no date falls on a listed weekday', () => {
    expect(expandSeries(spec({ weekdays: [3], fromDate: '2026-03-26', toDate: '2026-03-27' }))).toEqual([]);
  });

  it('only produces dates on the requested weekdays over a whole year', () => {
    const occ = expandSeries(spec({ weekdays: [2, 4], fromDate: '2027-01-01', toDate: '2027-12-31' }));
    expect(occ).toHaveLength(104);
    expect(occ.every((o) => [2, 4].includes(dayOfWeek(o.date)))).toBe(true);
    expect(occ.every((o) => copenhagenWallClock(o.starts).time === '08:00')).toBe(true);
  });

  it('refuses toDate before fromDate, more than a year, and more than 2,000 slots', () => {
    expect(fieldOf(() => expandSeries(spec({ fromDate: '2026-04-05', toDate: '2026-04-04' })))).toBe('toDate');
    expect(fieldOf(() => expandSeries(spec({ fromDate: '2026-01-01', toDate: '2027-01-02' })))).toBe('toDate');
    expect(expandSeries(spec({ weekdays: [1], fromDate: '2026-01-01', toDate: '2027-01-01' }))).toHaveLength(52);
    const all = [1, 2, 3, 4, 5, 6, 7];
    expect(
      expandSeries(spec({ weekdays: all, fromDate: '2027-01-01', toDate: '2027-04-10', countPerOccurrence: 20 })),
    ).toHaveLength(MAX_SERIES_SLOTS);
    expect(
      fieldOf(() =>
        expandSeries(spec({ weekdays: all, fromDate: '2027-01-01', toDate: '2027-04-11', countPerOccurrence: 20 })),
      ),
    ).toBe('toDate');
  });
});
