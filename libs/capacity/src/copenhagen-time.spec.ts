import { copenhagenOffsetMs } from '@app/deadline';
import { copenhagenToUtc, copenhagenWallClock } from './copenhagen-time';

const iso = (d: Date) => d.toISOString();

describe('copenhagenToUtc', () => {
  it('uses CET (UTC+1) in winter and CEST (UTC+2) in summer', () => {
    expect(iso(copenhagenToUtc('2026-01-15', '08:00'))).toBe('2026-01-15T07:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-07-15', '08:00'))).toBe('2026-07-15T06:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-12-31', '23:59'))).toBe('2026-12-31T22:59:00.000Z');
    expect(iso(copenhagenToUtc('2027-01-01', '00:00'))).toBe('2026-12-31T23:00:00.000Z');
  });

  it('switches to summer time on Sunday 2026-03-29 (02:00 → 03:00)', () => {
    expect(iso(copenhagenToUtc('2026-03-28', '08:00'))).toBe('2026-03-28T07:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-03-29', '01:59'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(copenhagenToUtc('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-03-29', '08:00'))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-03-30', '08:00'))).toBe('2026-03-30T06:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    expect(iso(copenhagenToUtc('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(copenhagenWallClock(copenhagenToUtc('2026-03-29', '02:30'))).toEqual({ date: '2026-03-29', time: '03:30' });
  });

  it('switches back to winter time on Sunday 2026-10-25 (03:00 → 02:00)', () => {
    expect(iso(copenhagenToUtc('2026-10-24', '08:00'))).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-10-25', '01:30'))).toBe('2026-10-24T23:30:00.000Z');
    expect(iso(copenhagenToUtc('2026-10-25', '03:00'))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(copenhagenToUtc('2026-10-25', '08:00'))).toBe('2026-10-25T07:00:00.000Z');
  });

  it('takes the first (summer-time) occurrence of a time that happens twice', () => {
    expect(iso(copenhagenToUtc('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every quarter hour of a year through copenhagenWallClock', () => {
    for (let day = 0; day < 365; day += 3) {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      for (const time of ['00:00', '00:15', '01:45', '02:15', '03:00', '07:30', '12:00', '23:45']) {
        const wall = copenhagenWallClock(copenhagenToUtc(date, time));
        if (!(date === '2026-03-29' && time.startsWith('02'))) expect(wall).toEqual({ date, time });
      }
    }
  });

  it('reports the offset and rejects malformed input', () => {
    expect(copenhagenOffsetMs(Date.UTC(2026, 0, 1))).toBe(3_600_000);
    expect(copenhagenOffsetMs(Date.UTC(2026, 6, 1))).toBe(7_200_000);
    expect(() => copenhagenToUtc('2026-02-30', '08:00')).toThrow(RangeError);
    expect(() => copenhagenToUtc('2026-02-01', '24:00')).toThrow(RangeError);
    expect(() => copenhagenToUtc('2026-02-01', '8:00')).toThrow(RangeError);
  });
});
