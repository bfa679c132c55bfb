import { explain } from './reasons';

describe('explain', () => {
  it('reads well for early, on-deadline and late candidates', () => {
    expect(explain({ daysBeforeDeadline: 12, providerKind: 'PUBLIC', regionName: 'Region Syddanmark', country: 'DK', distanceKm: 143.04, agreementValidTo: null }))
      .toEqual(['12 days before the deadline', 'Region Syddanmark, 143.0 km', 'public hospital']);
    expect(explain({ daysBeforeDeadline: 0, providerKind: 'FOREIGN', regionName: null, country: 'DE', distanceKm: 300, agreementValidTo: '2027-06-30' }))
      .toEqual(['on the deadline day', 'Germany, 300.0 km', 'foreign provider: agreement valid until 2027-06-30']);
    expect(explain({ daysBeforeDeadline: -1, providerKind: 'PRIVATE', regionName: 'Region Midtjylland', country: 'DK', distanceKm: 5, agreementValidTo: '2027-12-31' })[0])
      .toBe('1 day after the deadline');
  });
});
