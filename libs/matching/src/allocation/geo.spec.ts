import { distanceTenths, EARTH_RADIUS_KM, haversineKm } from './geo';

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(55.6761, 12.5683, 55.6761, 12.5683)).toBe(0);
    expect(haversineKm(55.6761, 12.5683, 56.1629, 10.2039)).toBeCloseTo(
      haversineKm(56.1629, 10.2039, 55.6761, 12.5683),
      9,
    );
  });

  it('measures one degree of latitude as 1/360 of the mean circumference', () => {
    expect(haversineKm(55, 10, 56, 10)).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 9);
  });

  it('gives the known Copenhagen - Aarhus straight-line distance', () => {
    expect(haversineKm(55.6761, 12.5683, 56.1629, 10.2039)).toBeCloseTo(156.9, 0);
  });

  it('stays finite for antipodal points', () => {
    expect(haversineKm(0, 0, 0, 180)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});

describe('distanceTenths', () => {
  it('rounds to whole tenths of a km', () => {
    expect(distanceTenths(55, 10, 55.1, 10)).toBe(111);
    expect(distanceTenths(55, 10, 55, 10)).toBe(0);
  });
});
