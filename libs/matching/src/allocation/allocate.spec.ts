import { allocate, AllocationInputError, dayNumber } from './allocate';
import { haversineKm } from './geo';
import { AllocationInput, AllocationPathway, AllocationProvider, AllocationSlot, ProviderKind } from './types';

/** Providers on one meridian, 0.1 degree apart, so distances from (55, 10) are easy to order. */
const provider = (id: string, latOffset: number, kind: ProviderKind = 'PUBLIC'): AllocationProvider => ({
  id,
  kind,
  lat: 55 + latOffset,
  lon: 10,
});
const pathway = (id: string, deadline: string, excludedProviderIds?: string[]): AllocationPathway => ({
  id,
  deadline,
  lat: 55,
  lon: 10,
  excludedProviderIds,
});
const slot = (id: string, providerId: string, date: string): AllocationSlot => ({ id, providerId, date });

const pairs = (input: AllocationInput) =>
  allocate(input)
    .assignments.map((a) => `${a.pathwayId}->${a.slotId}`)
    .sort();

describe('allocate', () => {
  it('places both pathways where greedy by urgency would fail', () => {
    // A is more urgent and greedy gives it the nearest slot s1, the only one B can use in time.
    const input: AllocationInput = {
      providers: [provider('near', 0.1), provider('far', 0.5)],
      slots: [slot('s1', 'near', '2025-03-03'), slot('s2', 'far', '2025-03-03')],
      pathways: [pathway('A', '2025-03-05'), pathway('B', '2025-03-10', ['far'])],
    };
    const result = allocate(input);
    expect(pairs(input)).toEqual(['A->s2', 'B->s1']);
    expect(result.totals).toMatchObject({ placed: 2, placedInTime: 2, placedLate: 0, totalDaysLate: 0 });
  });

  it('prefers an in-time placement over two placements of which none is in time', () => {
    // A in time on s-early leaves B (who can only use p) with nothing; A late on s-late would let B take s-early late.
    const input: AllocationInput = {
      providers: [provider('p', 0.1), provider('q', 0.2)],
      slots: [slot('s-early', 'p', '2025-03-04'), slot('s-late', 'q', '2025-03-20')],
      pathways: [pathway('A', '2025-03-05'), pathway('B', '2025-03-01', ['q'])],
    };
    const result = allocate(input);
    expect(pairs(input)).toEqual(['A->s-early']);
    expect(result.unassigned).toEqual([{ pathwayId: 'B', reason: 'NONE_IN_TIME' }]);
  });

  it('places late rather than not at all, and with as few days late as possible', () => {
    const input: AllocationInput = {
      providers: [provider('p', 0.1)],
      slots: [slot('late-9', 'p', '2025-03-19'), slot('late-3', 'p', '2025-03-13'), slot('in-time', 'p', '2025-03-08')],
      pathways: [pathway('A', '2025-03-10'), pathway('B', '2025-03-10')],
    };
    const result = allocate(input);
    expect(result.totals).toMatchObject({ placed: 2, placedInTime: 1, placedLate: 1, totalDaysLate: 3 });
    const late = result.assignments.find((a) => !a.meetsDeadline)!;
    expect(late).toMatchObject({ slotId: 'late-3', daysBeforeDeadline: -3 });
    expect(result.unassigned).toEqual([]);
  });

  it('trades distance for fewer days late', () => {
    const input: AllocationInput = {
      providers: [provider('near', 0.1), provider('far', 1)],
      slots: [slot('near-late', 'near', '2025-03-20'), slot('far-late', 'far', '2025-03-12')],
      pathways: [pathway('A', '2025-03-10')],
    };
    expect(allocate(input).assignments[0]).toMatchObject({
      slotId: 'far-late',
      daysBeforeDeadline: -2,
      meetsDeadline: false,
    });
  });

  it('breaks ties on distance, then on provider kind, then on earlier dates', () => {
    const byDistance: AllocationInput = {
      providers: [provider('near', 0.1, 'FOREIGN'), provider('far', 0.2)],
      slots: [slot('s-far', 'far', '2025-03-01'), slot('s-near', 'near', '2025-03-05')],
      pathways: [pathway('A', '2025-03-10')],
    };
    expect(allocate(byDistance).assignments[0]).toMatchObject({ slotId: 's-near', distanceKm: 11.1 });

    const byKind: AllocationInput = {
      providers: [
        provider('private', 0.1, 'PRIVATE'),
        provider('public', 0.1, 'PUBLIC'),
        provider('foreign', 0.1, 'FOREIGN'),
      ],
      slots: [
        slot('s-private', 'private', '2025-03-01'),
        slot('s-foreign', 'foreign', '2025-03-01'),
        slot('s-public', 'public', '2025-03-05'),
      ],
      pathways: [pathway('A', '2025-03-10')],
    };
    expect(allocate(byKind).assignments[0].slotId).toBe('s-public');
    expect(allocate({ ...byKind, kindPenalty: { PUBLIC: 5, PRIVATE: 1, FOREIGN: 2 } }).assignments[0].slotId).toBe(
      's-private',
    );

    const byDate: AllocationInput = {
      providers: [provider('p', 0.1)],
      slots: [slot('c', 'p', '2025-03-07'), slot('b', 'p', '2025-03-02'), slot('a', 'p', '2025-03-02')],
      pathways: [pathway('A', '2025-03-10')],
    };
    expect(allocate(byDate).assignments[0].slotId).toBe('a');
  });

  it('never uses an excluded provider', () => {
    const input: AllocationInput = {
      providers: [provider('own', 0), provider('other', 3)],
      slots: [slot('s-own', 'own', '2025-03-01'), slot('s-other', 'other', '2025-04-30')],
      pathways: [pathway('A', '2025-03-10', ['own'])],
    };
    expect(allocate(input).assignments).toEqual([
      {
        pathwayId: 'A',
        slotId: 's-other',
        providerId: 'other',
        meetsDeadline: false,
        daysBeforeDeadline: -51,
        distanceKm: 333.6,
      },
    ]);
  });

  it('gives the reason a pathway is left out', () => {
    const input: AllocationInput = {
      providers: [provider('p', 0.1), provider('q', 0.2)],
      slots: [slot('early', 'p', '2025-03-03'), slot('late', 'q', '2025-03-20')],
      pathways: [
        pathway('a', '2025-03-05'),
        pathway('b', '2025-03-05'),
        pathway('c-none-in-time', '2025-03-01', ['p']),
        pathway('d-no-slot', '2025-03-05', ['p', 'q']),
      ],
    };
    const result = allocate(input);
    // a and b compete for the one in-time slot; the loser still takes the late one, so c finds nothing left.
    expect(result.totals).toMatchObject({ pathways: 4, slots: 2, placed: 2, placedInTime: 1, placedLate: 1 });
    const reasons = Object.fromEntries(result.unassigned.map((u) => [u.pathwayId, u.reason]));
    expect(reasons['d-no-slot']).toBe('NO_SLOT');
    expect(reasons['c-none-in-time']).toBe('NONE_IN_TIME');

    // z lives farthest away, so it is the one left out although an in-time slot was feasible for it.
    const far = { ...pathway('z', '2025-03-05'), lat: 54 };
    const crowded = allocate({ ...input, pathways: [pathway('x', '2025-03-05'), pathway('y', '2025-03-05'), far] });
    expect(crowded.unassigned).toEqual([{ pathwayId: 'z', reason: 'CAPACITY_TAKEN' }]);
  });

  it('handles empty inputs', () => {
    const empty = { pathways: [], slots: [], providers: [] };
    expect(allocate(empty)).toEqual({
      assignments: [],
      unassigned: [],
      totals: {
        pathways: 0,
        slots: 0,
        placed: 0,
        placedInTime: 0,
        placedLate: 0,
        totalDaysLate: 0,
        totalDistanceKm: 0,
        totalKindPenalty: 0,
      },
    });
    expect(
      allocate({ ...empty, providers: [provider('p', 0)], pathways: [pathway('A', '2025-03-01')] }).unassigned,
    ).toEqual([{ pathwayId: 'A', reason: 'NO_SLOT' }]);
    const noPathways = allocate({ ...empty, providers: [provider('p', 0)], slots: [slot('s', 'p', '2025-03-01')] });
    expect(noPathways.totals).toMatchObject({ pathways: 0, slots: 1, placed: 0 });
  });

  it('is deterministic and independent of input order', () => {
    const providers = [provider('p1', 0.1), provider('p2', 0.1), provider('p3', 0.3, 'PRIVATE')];
    const slots = ['2025-03-03', '2025-03-03', '2025-03-04', '2025-03-06', '2025-03-06', '2025-03-09'].map((d, i) =>
      slot(`s${i}`, providers[i % 3].id, d),
    );
    const pathways = ['2025-03-05', '2025-03-05', '2025-03-05', '2025-03-08', '2025-03-02'].map((d, i) =>
      pathway(`pw${i}`, d),
    );
    const input: AllocationInput = { providers, slots, pathways };
    const first = allocate(input);
    expect(allocate(input)).toEqual(first);
    expect(
      allocate({ providers: [...providers].reverse(), slots: [...slots].reverse(), pathways: [...pathways].reverse() }),
    ).toEqual(first);
    expect(first.assignments.map((a) => a.pathwayId)).toEqual([...first.assignments.map((a) => a.pathwayId)].sort());
  });

  it('reports distances rounded to 0.1 km and totals summed from those', () => {
    const input: AllocationInput = {
      providers: [{ id: 'aarhus', kind: 'PUBLIC', lat: 56.1629, lon: 10.2039 }],
      slots: [slot('s1', 'aarhus', '2025-03-03'), slot('s2', 'aarhus', '2025-03-03')],
      pathways: [
        { id: 'cph', deadline: '2025-03-10', lat: 55.6761, lon: 12.5683 },
        { id: 'odense', deadline: '2025-03-10', lat: 55.4038, lon: 10.4024 },
      ],
    };
    const result = allocate(input);
    const km = (lat: number, lon: number) => Math.round(haversineKm(lat, lon, 56.1629, 10.2039) * 10) / 10;
    expect(result.assignments.map((a) => a.distanceKm)).toEqual([km(55.6761, 12.5683), km(55.4038, 10.4024)]);
    expect(result.totals.totalDistanceKm).toBe(Math.round((km(55.6761, 12.5683) + km(55.4038, 10.4024)) * 10) / 10);
  });

  it('rejects malformed input', () => {
    const ok: AllocationInput = {
      providers: [provider('p', 0)],
      slots: [slot('s', 'p', '2025-03-01')],
      pathways: [pathway('A', '2025-03-01')],
    };
    expect(() => allocate({ ...ok, slots: [slot('s', 'nope', '2025-03-01')] })).toThrow(AllocationInputError);
    expect(() => allocate({ ...ok, slots: [slot('s', 'p', '2025-02-30')] })).toThrow(AllocationInputError);
    expect(() => allocate({ ...ok, pathways: [pathway('A', '1.3.2025')] })).toThrow(AllocationInputError);
    expect(() => allocate({ ...ok, pathways: [pathway('A', '2025-03-01'), pathway('A', '2025-03-02')] })).toThrow(
      /duplicate pathway/,
    );
    expect(() => allocate({ ...ok, kindPenalty: { PUBLIC: 0.5, PRIVATE: 1, FOREIGN: 2 } })).toThrow(
      AllocationInputError,
    );
    expect(() => allocate({ ...ok, pathways: [{ ...pathway('A', '2025-03-01'), lat: NaN }] })).toThrow(
      AllocationInputError,
    );
  });

  it('counts calendar days across month and leap-year boundaries', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2025-03-01') - dayNumber('2025-02-28')).toBe(1);
    expect(dayNumber('2025-01-01') - dayNumber('2024-12-31')).toBe(1);
  });
});
