import { badInput, CancerArea, Modality } from '@app/core';
import { addDays, isValidISODate } from '@app/deadline';
import type { Bundle, BundleEntry, BundleLink, FhirResource, Slot as FhirSlot } from 'fhir/r4';
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

/** FHIR ids allow [A-Za-z0-9-.] only: BREAST → breast, UPPER_GI → upper-gi. */
const codeToId = (code: string) => code.toLowerCase().replace(/_/g, '-');
const idToCode = (id: string) => id.toUpperCase().replace(/-/g, '_');
const AREAS = new Set<string>(Object.values(CancerArea));
const MODALITIES = new Set<string>(Object.values(Modality));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One Schedule per provider × cancer area × modality, with a readable id that needs no table:
 * `<provider uuid>.<area>.<modality>` (at most 64 characters, the FHIR id limit).
 */
export function scheduleId(providerId: string, area: string, modality: string): string {
  return `${providerId}.${codeToId(area)}.${codeToId(modality)}`;
}

export function parseScheduleId(id: string): { providerId: string; cancerArea: CancerArea; modality: Modality } | null {
  const [providerId, area, modality, ...rest] = id.split('.');
  if (rest.length || !UUID.test(providerId ?? '') || !area || !modality) return null;
  const cancerArea = idToCode(area);
  const mod = idToCode(modality);
  if (!AREAS.has(cancerArea) || !MODALITIES.has(mod)) return null;
  return { providerId, cancerArea: cancerArea as CancerArea, modality: mod as Modality };
}

export interface FhirSlotSearch {
  cancerAreas?: CancerArea[];
  starts: StartBound[];
  count: number;
  cursor?: string;
}

/** Parameters of `GET /fhir/Slot`; anything else is refused rather than silently ignored. */
export const FHIR_SLOT_PARAMS = ['service-type', 'start', 'status', '_count', '_cursor', '_format'];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function queryValues(query: Record<string, unknown>, name: string): string[] {
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
    throw badInput(
      'start',
      `start=${raw}: expected [eq|ge|gt|le|lt]YYYY-MM-DD or a dateTime with time zone, e.g. ge2026-12-01`,
    );
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
      return point
        ? [
            { op: '>=', at: lo },
            { op: '<=', at: lo },
          ]
        : [
            { op: '>=', at: lo },
            { op: '<', at: hi },
          ];
  }
}

/** Token search on service-type: `BREAST`, `urn:capacity-exchange:cancer-area|BREAST`, comma = any of. */
export function parseServiceType(raw: string): CancerArea[] {
  return raw.split(',').map((token) => {
    const bar = token.indexOf('|');
    const system = bar >= 0 ? token.slice(0, bar) : null;
    const code = bar >= 0 ? token.slice(bar + 1) : token;
    if ((system !== null && system !== CANCER_AREA_SYSTEM) || !AREAS.has(code)) {
      throw badInput(
        'service-type',
        `service-type=${raw}: expected a cancer area code (${[...AREAS].join(', ')}) of ${CANCER_AREA_SYSTEM}`,
      );
    }
    return code as CancerArea;
  });
}

/** Refuses any parameter not listed, rather than silently ignoring it (FHIR servers may do either; strict is safer). */
export function assertOnlyParams(query: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(query).find((k) => !allowed.includes(k));
  if (unknown) throw badInput(unknown, `Unsupported search parameter ${unknown}; supported: ${allowed.join(', ')}`);
}

export function parseSlotSearch(query: Record<string, unknown>): FhirSlotSearch {
  assertOnlyParams(query, FHIR_SLOT_PARAMS);
  const search: FhirSlotSearch = {
    starts: queryValues(query, 'start').flatMap(parseStartParam),
    count: FHIR_DEFAULT_COUNT,
  };
  const serviceTypes = queryValues(query, 'service-type');
  if (serviceTypes.length > 1)
    throw badInput('service-type', 'Give service-type once; separate alternatives with commas');
  if (serviceTypes.length) search.cancerAreas = parseServiceType(serviceTypes[0]);
  if (queryValues(query, 'status').some((s) => s !== 'free'))
    throw badInput('status', 'Only free slots are published here (status=free)');
  if (queryValues(query, '_format').some((f) => !/json/.test(f))) throw badInput('_format', 'Only JSON is supported');
  const count = queryValues(query, '_count');
  if (count.length) {
    if (count.length > 1 || !/^\d{1,6}$/.test(count[0])) throw badInput('_count', '_count must be one whole number');
    // FHIR lets a server return fewer than asked; larger pages are clamped rather than refused.
    search.count = Math.min(Math.max(Number(count[0]), 1), FHIR_MAX_COUNT);
  }
  const cursor = queryValues(query, '_cursor');
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
    schedule: {
      reference: `Schedule/${scheduleId(slot.providerId, slot.cancerArea, slot.modality)}`,
      display: providerName,
    },
    serviceType: [
      {
        coding: [
          { system: CANCER_AREA_SYSTEM, code: slot.cancerArea, display: names.cancerAreas.get(slot.cancerArea) },
        ],
      },
    ],
    appointmentType: {
      coding: [{ system: MODALITY_SYSTEM, code: slot.modality, display: names.modalities.get(slot.modality) }],
    },
  };
}

/** A FHIR R4 `searchset` Bundle of any resource type; fullUrls hang under `fhirBase` (PUBLIC_URL + /fhir). */
export function searchset<T extends FhirResource>(
  fhirBase: string,
  links: { self: string; next?: string },
  total: number,
  resources: T[],
): Bundle<T> {
  const link: BundleLink[] = [{ relation: 'self', url: links.self }];
  if (links.next) link.push({ relation: 'next', url: links.next });
  const entry: BundleEntry<T>[] = resources.map((resource) => ({
    fullUrl: `${fhirBase}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: 'match' },
  }));
  return { resourceType: 'Bundle', type: 'searchset', total, link, entry };
}
