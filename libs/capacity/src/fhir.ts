import { badInput, CancerArea } from '@app/core';
import { addDays, isValidISODate } from '@app/deadline';
import type { Bundle, BundleEntry, BundleLink, Slot as FhirSlot } from 'fhir/r4';
import { copenhagenToUtc } from './copenhagen-time';
import { Slot, SlotStatus } from './slot.entities';
import { StartBound } from './slot-query';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const CANCER_AREA_SYSTEM = 'urn:capacity-exchange:cancer-area';
export const MODALITY_SYSTEM = 'urn:capacity-exchange:modality';
export const FHIR_DEFAULT_COUNT = 50;
export const FHIR_MAX_COUNT = 500;

/** domain.md §4: the FHIR R4 Slot.status each status is exported as. */
export const FHIR_SLOT_STATUS: Record<SlotStatus, FhirSlot['status']> = {
  [SlotStatus.FREE]: 'free',
  [SlotStatus.HELD]: 'busy-tentative',
  [SlotStatus.BOOKED]: 'busy',
  [SlotStatus.WITHDRAWN]: 'busy-unavailable',
  [SlotStatus.EXPIRED]: 'busy-unavailable',
};

export interface FhirSlotSearch {
  cancerAreas?: CancerArea[];
  starts: StartBound[];
  count: number;
  cursor?: string;
}

/** Parameters of `GET /fhir/Slot`; anything else is refused rather than silently ignored. */
export const FHIR_SLOT_PARAMS = ['service-type', 'start', 'status', '_count', '_cursor', '_format'];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const AREAS = new Set<string>(Object.values(CancerArea));

function values(query: Record<string, unknown>, name: string): string[] {
  const v = query[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x): x is string => typeof x === 'string')) throw badInput(name, `${name} must be a plain value`);
  return list;
}

/**
 * FHIR date search (`start=ge2026-12-01`, prefixes eq, ge, gt, le, lt). A date is the whole Copenhagen calendar day;
 * a dateTime (with its time zone, as FHIR requires) is a point in time.
 */
export function parseStartParam(raw: string): StartBound[] {
  const m = /^(eq|ge|gt|le|lt)?(.+)$/.exec(raw);
  const prefix = m?.[1] ?? 'eq';
  const value = m?.[2] ?? '';
  let lo: Date;
  let hi: Date;
  let point = false;
  if (isValidISODate(value)) {
    lo = copenhagenToUtc(value, '00:00');
    hi = copenhagenToUtc(addDays(value, 1), '00:00');
  } else if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
    lo = hi = new Date(value);
    point = true;
  } else {
    throw badInput('start', `start=${raw}: expected [eq|ge|gt|le|lt]YYYY-MM-DD or a dateTime with time zone, e.g. ge2026-12-01`);
  }
  switch (prefix) {
    case 'ge':
      return [{ op: '>=', at: lo }];
    case 'gt':
      return [point ? { op: '>', at: lo } : { op: '>=', at: hi }];
    case 'le':
      return [point ? { op: '<=', at: hi } : { op: '<', at: hi }];
    case 'lt':
      return [{ op: '<', at: lo }];
    default:
      return point ? [{ op: '>=', at: lo }, { op: '<=', at: lo }] : [{ op: '>=', at: lo }, { op: '<', at: hi }];
  }
}

/** Token search on service-type: `BREAST`, `urn:capacity-exchange:cancer-area|BREAST`, comma = any of. */
function parseServiceType(raw: string): CancerArea[] {
  return raw.split(',').map((token) => {
    const bar = token.indexOf('|');
    const system = bar >= 0 ? token.slice(0, bar) : null;
    const code = bar >= 0 ? token.slice(bar + 1) : token;
    if ((system !== null && system !== CANCER_AREA_SYSTEM) || !AREAS.has(code)) {
      throw badInput('service-type', `service-type=${raw}: expected a cancer area code (${[...AREAS].join(', ')}) of ${CANCER_AREA_SYSTEM}`);
    }
    return code as CancerArea;
  });
}

export function parseSlotSearch(query: Record<string, unknown>): FhirSlotSearch {
  const unknown = Object.keys(query).find((k) => !FHIR_SLOT_PARAMS.includes(k));
  if (unknown) throw badInput(unknown, `Unsupported search parameter ${unknown}; supported: ${FHIR_SLOT_PARAMS.join(', ')}`);
  const search: FhirSlotSearch = { starts: values(query, 'start').flatMap(parseStartParam), count: FHIR_DEFAULT_COUNT };
  const serviceTypes = values(query, 'service-type');
  if (serviceTypes.length > 1) throw badInput('service-type', 'Give service-type once; separate alternatives with commas');
  if (serviceTypes.length) search.cancerAreas = parseServiceType(serviceTypes[0]);
  if (values(query, 'status').some((s) => s !== 'free')) throw badInput('status', 'Only free slots are published here (status=free)');
  if (values(query, '_format').some((f) => !/json/.test(f))) throw badInput('_format', 'Only JSON is supported');
  const count = values(query, '_count');
  if (count.length) {
    if (count.length > 1 || !/^\d{1,6}$/.test(count[0])) throw badInput('_count', '_count must be one whole number');
    // FHIR lets a server return fewer than asked; larger pages are clamped rather than refused.
    search.count = Math.min(Math.max(Number(count[0]), 1), FHIR_MAX_COUNT);
  }
  const cursor = values(query, '_cursor');
  if (cursor.length) search.cursor = cursor[cursor.length - 1];
  return search;
}

export interface CodeNames {
  cancerAreas: Map<string, string>;
  modalities: Map<string, string>;
}

export function toFhirSlot(slot: Slot, providerName: string | undefined, names: CodeNames): FhirSlot {
  return {
    resourceType: 'Slot',
    id: slot.id,
    meta: { lastUpdated: slot.updatedAt.toISOString() },
    status: FHIR_SLOT_STATUS[slot.status],
    start: slot.starts.toISOString(),
    end: new Date(slot.starts.getTime() + slot.durationMinutes * 60_000).toISOString(),
    schedule: { reference: `Schedule/${slot.providerId}`, display: providerName },
    serviceType: [
      { coding: [{ system: CANCER_AREA_SYSTEM, code: slot.cancerArea, display: names.cancerAreas.get(slot.cancerArea) }] },
    ],
    appointmentType: { coding: [{ system: MODALITY_SYSTEM, code: slot.modality, display: names.modalities.get(slot.modality) }] },
  };
}

/** A FHIR R4 `searchset` Bundle; `baseUrl` is the server root the resource URLs hang under. */
export function slotSearchBundle(
  baseUrl: string,
  links: { self: string; next?: string },
  total: number,
  slots: FhirSlot[],
): Bundle<FhirSlot> {
  const link: BundleLink[] = [{ relation: 'self', url: links.self }];
  if (links.next) link.push({ relation: 'next', url: links.next });
  const entry: BundleEntry<FhirSlot>[] = slots.map((resource) => ({
    fullUrl: `${baseUrl}/fhir/Slot/${resource.id}`,
    resource,
    search: { mode: 'match' },
  }));
  return { resourceType: 'Bundle', type: 'searchset', total, link, entry };
}
