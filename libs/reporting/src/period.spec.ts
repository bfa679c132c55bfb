import { periodOf } from './period';

describe('periodOf', () => {
  it('a year is [1 Jan, 1 Jan next year) with twelve months', () => {
    const p = periodOf(2031);
    expect(p).toMatchObject({ year: 2031, quarter: null, from: '2031-01-01', to: '2032-01-01', lastDay: '2031-12-31' });
    expect(p.months).toHaveLength(12);
    expect(p.months[0]).toBe('2031-01');
    expect(p.months[11]).toBe('2031-12');
  });

  it('a quarter is three months; Q4 ends at the new year', () => {
    expect(periodOf(2031, 2)).toMatchObject({
      from: '2031-04-01',
      to: '2031-07-01',
      lastDay: '2031-06-30',
      months: ['2031-04', '2031-05', '2031-06'],
    });
    expect(periodOf(2028, 1)).toMatchObject({ lastDay: '2028-03-31' });
    expect(periodOf(2031, 4)).toMatchObject({ from: '2031-10-01', to: '2032-01-01', lastDay: '2031-12-31' });
  });

  it('rejects years and quarters outside the contract', () => {
    expect(() => periodOf(2019)).toThrow(RangeError);
    expect(() => periodOf(2101)).toThrow(RangeError);
    expect(() => periodOf(2031, 5)).toThrow(RangeError);
    expect(() => periodOf(2031, 0)).toThrow(RangeError);
  });
});
