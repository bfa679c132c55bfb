import { Actor, CancerArea, DomainError, Role } from '@app/core';
import regionsJson from '@app/core/database/data/regions.json';
import { Region } from '@app/reference';
import { assertMayChangeCapacity, regionCondition, regionPeriods } from './region-scope';

const regions = new Map(regionsJson.map((r) => [r.code, Object.assign(new Region(), r)]));
const actor = (role: Role, regionCode: number | null = null, cancerAreas: CancerArea[] = []): Actor => ({
  userId: 'u',
  email: 'x@demo.dk',
  role,
  regionCode,
  cancerAreas,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as DomainError).code;
  }
}

describe('regionPeriods', () => {
  it('keeps regions without a successor as one unbounded period', () => {
    expect(regionPeriods(regions, 1081)).toEqual([{ from: null, to: null, codes: [1081] }]);
  });

  it('attributes Hovedstaden and Sjælland providers to Østdanmark from 2027-01-01', () => {
    expect(regionPeriods(regions, 1086)).toEqual([
      { from: null, to: '2027-01-01', codes: [1086] },
      { from: '2027-01-01', to: null, codes: [1084, 1085, 1086] },
    ]);
    expect(regionPeriods(regions, 1084)).toEqual([
      { from: null, to: '2027-01-01', codes: [1084] },
      { from: '2027-01-01', to: null, codes: [1084, 1085, 1086] },
    ]);
  });

  it('refuses an unknown region code naming the field', () => {
    expect(() => regionPeriods(regions, 9999, 'outsideRegionCode')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'outsideRegionCode' }),
    );
  });

  it('renders a parameterised SQL condition over region_code and slot_date', () => {
    const c = regionCondition('s', regionPeriods(regions, 1085), 'r');
    expect(c.sql).toBe(
      '((s.region_code = ANY(:r0c) AND s.slot_date < :r0t) OR (s.region_code = ANY(:r1c) AND s.slot_date >= :r1f))',
    );
    expect(c.params).toEqual({ r0c: [1085], r0t: '2027-01-01', r1c: [1084, 1085, 1086], r1f: '2027-01-01' });
  });
});

describe('assertMayChangeCapacity', () => {
  const check = (a: Actor, providerRegion: number | null, dates: string[]) =>
    codeOf(() => assertMayChangeCapacity(regions, a, providerRegion, dates, 'Testhospital'));

  it('lets the secretariat change any provider, including foreign ones', () => {
    expect(check(actor(Role.SECRETARIAT), 1081, ['2026-12-01'])).toBeUndefined();
    expect(check(actor(Role.SECRETARIAT), null, ['2026-12-01'])).toBeUndefined();
  });

  it('lets a planner change only providers of the region in force on each date', () => {
    expect(check(actor(Role.PLANNER, 1084), 1084, ['2026-12-01', '2027-06-01'])).toBeUndefined();
    expect(check(actor(Role.PLANNER, 1081), 1084, ['2026-12-01'])).toBe('FORBIDDEN');
    // Before the merger Sjælland is another region; from 2027-01-01 both planners act for Østdanmark.
    expect(check(actor(Role.PLANNER, 1084), 1085, ['2026-12-31'])).toBe('FORBIDDEN');
    expect(check(actor(Role.PLANNER, 1084), 1085, ['2027-01-01'])).toBeUndefined();
    expect(check(actor(Role.PLANNER, 1086), 1084, ['2027-01-01'])).toBeUndefined();
    expect(check(actor(Role.PLANNER, 1084), 1085, ['2026-12-31', '2027-01-01'])).toBe('FORBIDDEN');
  });

  it('never lets a planner change foreign providers, nor other roles anything', () => {
    expect(check(actor(Role.PLANNER, 1084), null, ['2027-01-01'])).toBe('FORBIDDEN');
    expect(check(actor(Role.COLLABORATION, null, [CancerArea.BREAST]), 1084, ['2027-01-01'])).toBe('FORBIDDEN');
    expect(check(actor(Role.OBSERVER), 1084, ['2027-01-01'])).toBe('FORBIDDEN');
  });
});
