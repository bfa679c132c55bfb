import { CancerArea, Modality, ProviderKind } from '@app/core';
import { parseSlotSearch, parseStartParam, scheduleId, parseScheduleId, searchset, toFhirSlot } from './fhir';
import { Slot, SlotStatus } from './slot.entities';

const at = (s: string) => new Date(s);

describe('parseStartParam', () => {
  it('reads a date as the whole Copenhagen calendar day', () => {
    expect(parseStartParam('ge2026-12-01')).toEqual([{ op: '>=', at: at('2026-11-30T23:00:00Z') }]);
    expect(parseStartParam('gt2026-12-01')).toEqual([{ op: '>=', at: at('2026-12-01T23:00:00Z') }]);
    expect(parseStartParam('le2026-12-01')).toEqual([{ op: '<', at: at('2026-12-01T23:00:00Z') }]);
    expect(parseStartParam('lt2026-12-01')).toEqual([{ op: '<', at: at('2026-11-30T23:00:00Z') }]);
    expect(parseStartParam('2026-07-01')).toEqual([
      { op: '>=', at: at('2026-06-30T22:00:00Z') },
      { op: '<', at: at('2026-07-01T22:00:00Z') },
    ]);
  });

  it('reads a dateTime with time zone as a point in time', () => {
    expect(parseStartParam('gt2026-12-01T08:00:00+01:00')).toEqual([{ op: '>', at: at('2026-12-01T07:00:00Z') }]);
    expect(parseStartParam('le2026-12-01T08:00:00Z')).toEqual([{ op: '<=', at: at('2026-12-01T08:00:00Z') }]);
  });

  it('refuses other prefixes, partial dates and dateTimes without a zone', () => {
    for (const bad of [
      'ne2026-12-01',
      'sa2026-12-01',
      'ge2026-12',
      'ge2026-02-30',
      'ge2026-12-01T08:00',
      'tomorrow',
      '',
    ]) {
      expect(() => parseStartParam(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'start' }));
    }
  });
});

describe('parseSlotSearch', () => {
  it('combines repeated start bounds, service-type tokens and _count', () => {
    const s = parseSlotSearch({
      'service-type': 'urn:capacity-exchange:cancer-area|BREAST,LUNG',
      start: ['ge2027-03-01', 'lt2027-04-01'],
      _count: '20',
    });
    expect(s.cancerAreas).toEqual([CancerArea.BREAST, CancerArea.LUNG]);
    expect(s.starts).toHaveLength(2);
    expect(s.count).toBe(20);
  });

  it('defaults _count to 50 and clamps it to 500', () => {
    expect(parseSlotSearch({}).count).toBe(50);
    expect(parseSlotSearch({ _count: '100000' }).count).toBe(500);
  });

  it('refuses unknown parameters and bad values naming the parameter', () => {
    const field = (q: Record<string, unknown>) => {
      try {
        parseSlotSearch(q);
      } catch (err) {
        return (err as { field?: string }).field;
      }
      return undefined;
    };
    expect(field({ 'service-type': 'HEART' })).toBe('service-type');
    expect(field({ 'service-type': 'http://snomed.info/sct|BREAST' })).toBe('service-type');
    expect(field({ _count: 'ten' })).toBe('_count');
    expect(field({ status: 'busy' })).toBe('status');
    expect(field({ schedule: 'Schedule/1' })).toBe('schedule');
    expect(field({ start: { ge: '2026' } })).toBe('start');
  });
});

describe('FHIR resources', () => {
  const slot = Object.assign(new Slot(), {
    id: '6f1c1f7e-4a8e-4a51-9d0e-0d5f7a1c2b3d',
    providerId: 'a1b2c3d4-0000-4000-8000-000000000001',
    cancerArea: CancerArea.BREAST,
    modality: Modality.SURGERY,
    starts: at('2027-03-01T07:00:00Z'),
    durationMinutes: 90,
    status: SlotStatus.FREE,
    providerKind: ProviderKind.PUBLIC,
    updatedAt: at('2026-11-20T10:00:00Z'),
  });
  const names = { cancerAreas: new Map([['BREAST', 'Brystkræft']]), modalities: new Map([['SURGERY', 'Operation']]) };

  it('maps a slot to a FHIR R4 Slot', () => {
    expect(toFhirSlot(slot, 'Rigshospitalet', names)).toEqual({
      resourceType: 'Slot',
      id: slot.id,
      meta: { lastUpdated: '2026-11-20T10:00:00.000Z' },
      status: 'free',
      start: '2027-03-01T07:00:00.000Z',
      end: '2027-03-01T08:30:00.000Z',
      schedule: { reference: `Schedule/${slot.providerId}.breast.surgery`, display: 'Rigshospitalet' },
      serviceType: [
        { coding: [{ system: 'urn:capacity-exchange:cancer-area', code: 'BREAST', display: 'Brystkræft' }] },
      ],
      appointmentType: {
        coding: [{ system: 'urn:capacity-exchange:modality', code: 'SURGERY', display: 'Operation' }],
      },
    });
    expect(toFhirSlot({ ...slot, status: SlotStatus.HELD }, 'X', names).status).toBe('busy-tentative');
  });

  it('wraps resources in a searchset bundle with resolvable fullUrls', () => {
    const r = toFhirSlot(slot, 'Rigshospitalet', names);
    const b = searchset('http://h/fhir', { self: 'http://h/fhir/Slot?x=1', next: 'http://h/fhir/Slot?_cursor=c' }, 7, [
      r,
    ]);
    expect(b).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 7 });
    expect(b.link).toEqual([
      { relation: 'self', url: 'http://h/fhir/Slot?x=1' },
      { relation: 'next', url: 'http://h/fhir/Slot?_cursor=c' },
    ]);
    expect(b.entry).toEqual([{ fullUrl: `http://h/fhir/Slot/${slot.id}`, resource: r, search: { mode: 'match' } }]);
  });
});

describe('Schedule ids', () => {
  it('encode provider × cancer area × modality within the FHIR id alphabet and 64 characters, and decode back', () => {
    const p = 'a1b2c3d4-0000-4000-8000-000000000001';
    const id = scheduleId(p, CancerArea.GYNAECOLOGICAL, Modality.CHEMOTHERAPY);
    expect(id).toBe(`${p}.gynaecological.chemotherapy`);
    expect(id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(parseScheduleId(id)).toEqual({
      providerId: p,
      cancerArea: CancerArea.GYNAECOLOGICAL,
      modality: Modality.CHEMOTHERAPY,
    });
    expect(parseScheduleId(scheduleId(p, CancerArea.UPPER_GI, Modality.RADIOTHERAPY))).toMatchObject({
      cancerArea: CancerArea.UPPER_GI,
    });
    for (const bad of [
      'x',
      `${p}.breast`,
      `${p}.heart.surgery`,
      `${p}.breast.surgery.x`,
      `not-a-uuid.breast.surgery`,
    ]) {
      expect(parseScheduleId(bad)).toBeNull();
    }
  });
});
