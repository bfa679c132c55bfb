import { explain } from './reasons';

describe('explain', () => {
  it('reads well (in Danish) for early, on-deadline and late candidates', () => {
    expect(
      explain({
        daysBeforeDeadline: 12,
        providerKind: 'PUBLIC',
        regionName: 'Region Syddanmark',
        country: 'DK',
        distanceKm: 143.04,
        agreementValidTo: null,
      }),
    ).toEqual(['12 dage før fristen', 'Region Syddanmark, 143,0 km', 'offentligt sygehus']);
    expect(
      explain({
        daysBeforeDeadline: 0,
        providerKind: 'FOREIGN',
        regionName: null,
        country: 'DE',
        distanceKm: 300,
        agreementValidTo: '2027-06-30',
      }),
    ).toEqual(['på fristens dag', 'Tyskland, 300,0 km', 'udenlandsk behandlingssted: aftale gyldig til 30. jun. 2027']);
    expect(
      explain({
        daysBeforeDeadline: -1,
        providerKind: 'PRIVATE',
        regionName: 'Region Midtjylland',
        country: 'DK',
        distanceKm: 5,
        agreementValidTo: '2027-12-31',
      })[0],
    ).toBe('1 dag efter fristen');
    expect(
      explain({
        daysBeforeDeadline: 3,
        providerKind: 'PRIVATE',
        regionName: 'Region Midtjylland',
        country: 'DK',
        distanceKm: 5,
        agreementValidTo: null,
      })[2],
    ).toBe('privathospital');
  });
});
