import { badInput, ProviderKind } from '@app/core';
import type { Provider, Region } from '@app/reference';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  Location,
  OperationOutcome,
  OperationOutcomeIssue,
  Schedule,
} from 'fhir/r4';
import { CANCER_AREA_SYSTEM, CodeNames, FHIR_MAX_COUNT, MODALITY_SYSTEM, scheduleId } from './fhir';

export const FHIR_NDJSON = 'application/fhir+ndjson; charset=utf-8';
export const PROVIDER_KEY_SYSTEM = 'urn:capacity-exchange:provider-key';
export const PROVIDER_KIND_SYSTEM = 'urn:capacity-exchange:provider-kind';
/** SMART Scheduling Links bulk publication (manifest + NDJSON files of Location, Schedule, Slot). */
export const BULK_PUBLISH_SPEC = 'https://github.com/smart-on-fhir/smart-scheduling-links/blob/master/specification.md';
export const FHIR_LIST_DEFAULT_COUNT = 100;

const KIND_DISPLAY: Record<ProviderKind, string> = {
  [ProviderKind.PUBLIC]: 'Offentligt sygehus',
  [ProviderKind.PRIVATE]: 'Privat hospital eller klinik',
  [ProviderKind.FOREIGN]: 'Udenlandsk hospital',
};

export function toFhirLocation(p: Provider, regions: Map<number, Region>): Location {
  const region = p.regionCode === null ? undefined : regions.get(p.regionCode);
  return {
    resourceType: 'Location',
    id: p.id,
    meta: { lastUpdated: p.createdAt.toISOString() },
    ...(p.key ? { identifier: [{ system: PROVIDER_KEY_SYSTEM, value: p.key }] } : {}),
    status: p.active ? 'active' : 'inactive',
    name: p.name,
    mode: 'instance',
    type: [{ coding: [{ system: PROVIDER_KIND_SYSTEM, code: p.kind, display: KIND_DISPLAY[p.kind] }] }],
    address: { country: p.country, ...(region ? { state: region.name } : {}) },
    position: { longitude: p.lon, latitude: p.lat },
  };
}

/** The schedules of a provider: every cancer area × modality it offers. */
export function providerSchedules(p: Provider, names: CodeNames): Schedule[] {
  return p.cancerAreas.flatMap((area) => p.modalities.map((modality) => toFhirSchedule(p, area, modality, names)));
}

export function toFhirSchedule(p: Provider, area: string, modality: string, names: CodeNames): Schedule {
  const areaName = names.cancerAreas.get(area) ?? area;
  const modalityName = names.modalities.get(modality) ?? modality;
  return {
    resourceType: 'Schedule',
    id: scheduleId(p.id, area, modality),
    meta: { lastUpdated: p.createdAt.toISOString() },
    active: p.active,
    serviceCategory: [{ coding: [{ system: MODALITY_SYSTEM, code: modality, display: modalityName }] }],
    serviceType: [{ coding: [{ system: CANCER_AREA_SYSTEM, code: area, display: areaName }] }],
    actor: [{ reference: `Location/${p.id}`, display: p.name }],
    comment: `${areaName}, ${modalityName.toLowerCase()}: ${p.name}`,
  };
}

/** FHIR issue type per error code (valueset issue-type), so clients can react without parsing text. */
const ISSUE_CODE: Record<string, OperationOutcomeIssue['code']> = {
  BAD_USER_INPUT: 'invalid',
  PERSONAL_DATA_REJECTED: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  TOO_MANY_REQUESTS: 'throttled',
  PAYLOAD_TOO_LARGE: 'too-costly',
  INVALID_STATE: 'conflict',
  SLOT_NOT_AVAILABLE: 'conflict',
  AGREEMENT_REQUIRED: 'business-rule',
};

export function operationOutcome(
  code: string,
  message: string,
  field?: string,
  issueCode?: OperationOutcomeIssue['code'],
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: code === 'INTERNAL_SERVER_ERROR' ? 'fatal' : 'error',
        code: issueCode ?? ISSUE_CODE[code] ?? 'exception',
        details: { coding: [{ system: 'urn:capacity-exchange:error-code', code }], text: message },
        diagnostics: message,
        ...(field ? { expression: [field] } : {}),
      },
    ],
  };
}

/** `_count` / `_offset` of the list searches (Location, Schedule). */
export function parsePage(query: Record<string, unknown>): { count: number; offset: number } {
  const one = (name: string, def: number, max: number) => {
    const v = query[name];
    if (v === undefined) return def;
    if (typeof v !== 'string' || !/^\d{1,7}$/.test(v)) throw badInput(name, `${name} must be one whole number`);
    return Math.min(Number(v), max);
  };
  return {
    count: Math.max(1, one('_count', FHIR_LIST_DEFAULT_COUNT, FHIR_MAX_COUNT)),
    offset: one('_offset', 0, 10_000_000),
  };
}

const param = (name: string, type: 'token' | 'date' | 'reference' | 'number' | 'string', documentation: string) => ({
  name,
  type,
  documentation,
});

/** What this server supports; kept next to the resource mappings so the two change together. */
export function capabilityStatement(fhirBase: string): CapabilityStatement {
  const paging = [
    param('_count', 'number', 'Page size (Slot: default 50; Location, Schedule: default 100; at most 500)'),
  ];
  const resource: CapabilityStatementRestResource[] = [
    {
      type: 'Slot',
      profile: 'http://hl7.org/fhir/StructureDefinition/Slot',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        param('service-type', 'token', `Cancer area code of ${CANCER_AREA_SYSTEM}; comma = any of`),
        param('start', 'date', 'Start bound with prefix eq, ge, gt, le or lt; a date is the whole Copenhagen day'),
        param('status', 'token', 'Only free is published'),
        ...paging,
      ],
    },
    {
      type: 'Schedule',
      profile: 'http://hl7.org/fhir/StructureDefinition/Schedule',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        param('actor', 'reference', 'Location/<provider id>'),
        param('service-type', 'token', `Cancer area code of ${CANCER_AREA_SYSTEM}`),
        param('_id', 'token', 'Schedule id(s), comma-separated'),
        ...paging,
        param('_offset', 'number', 'Skip this many matches'),
      ],
    },
    {
      type: 'Location',
      profile: 'http://hl7.org/fhir/StructureDefinition/Location',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        param('_id', 'token', 'Provider id(s), comma-separated'),
        ...paging,
        param('_offset', 'number', 'Skip this many matches'),
      ],
    },
  ];
  return {
    resourceType: 'CapabilityStatement',
    id: 'capacity-exchange',
    url: `${fhirBase}/metadata`,
    name: 'CapacityExchange',
    title: 'Kapacitetsudveksling – fri behandlingskapacitet',
    status: 'active',
    date: '2026-12-01',
    publisher: 'Specialenheden',
    description: 'Free cancer treatment capacity of the Danish regions, private and foreign providers, read-only.',
    kind: 'instance',
    software: { name: 'Capacity Exchange' },
    implementation: { description: 'Capacity Exchange FHIR R4 endpoint', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every interaction but metadata needs Authorization: Bearer <accessToken> from the GraphQL login mutation.',
        security: {
          cors: false,
          description: 'Bearer token (JWT) from the GraphQL login mutation; roles decide what is visible.',
        },
        resource,
        operation: [
          {
            name: 'bulk-publish',
            definition: BULK_PUBLISH_SPEC,
            documentation:
              'GET [base]/$bulk-publish[?_since=instant]: manifest of NDJSON files of Location, Schedule and Slot (one Slot file per cancer area)',
          },
        ],
      },
    ],
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `_since` of the bulk publication (also accepted as `since`): a FHIR instant with its offset. Resources changed
 * within SINCE_OVERLAP_MS before it are sent again: a transaction that started before the previous manifest may commit
 * after it, and a mirror upserts by id anyway.
 */
export const SINCE_OVERLAP_MS = 60_000;
export function parseSince(query: Record<string, unknown>): { raw: string; at: Date } | undefined {
  const names = ['_since', 'since'].filter((n) => query[n] !== undefined);
  if (!names.length) return undefined;
  const raw = query[names[0]];
  if (names.length > 1 || typeof raw !== 'string' || !INSTANT.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw badInput(
      '_since',
      '_since must be one instant with seconds and time zone, e.g. 2027-03-01T08:00:00Z (the transactionTime of the previous manifest)',
    );
  }
  const at = new Date(raw);
  // Date.parse accepts 2027-02-30; a real instant survives the round trip through its own calendar date.
  if (raw.slice(0, 10) !== new Date(at.getTime() + offsetMs(raw)).toISOString().slice(0, 10)) {
    throw badInput('_since', `${raw} is not a real date and time`);
  }
  return { raw, at };
}

function offsetMs(instant: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(instant);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}
