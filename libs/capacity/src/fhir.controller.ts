import { AppConfig, badInput, CancerArea, Clock, notFound, Public, Roles } from '@app/core';
import { All, Controller, Get, Header, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Bundle, CapabilityStatement, FhirResource, Location, Schedule } from 'fhir/r4';
import { once } from 'node:events';
import { assertOnlyParams, CANCER_AREA_SYSTEM, FHIR_JSON, parseServiceType, queryValues, searchset } from './fhir';
import { FHIR_ACCESS } from './fhir-access';
import { FhirExceptionFilter } from './fhir-errors';
import { capabilityStatement, FHIR_NDJSON, parsePage, parseSince, SINCE_OVERLAP_MS } from './fhir-resources';
import { FhirService } from './fhir.service';
import { queryStringOf } from './fhir-slot.controller';
import type { FhirRequest } from './fhir-slot.controller';

/** The parts of the Express response the NDJSON stream writes to. */
interface StreamResponse {
  status(code: number): StreamResponse;
  setHeader(name: string, value: string): void;
  write(chunk: string): boolean;
  end(): void;
  once(event: string, fn: () => void): void;
  on(event: string, fn: () => void): void;
  destroyed: boolean;
}

/** Slot files of the bulk publication: one per cancer area (OTHER is not a collaboration's area, but may carry slots). */
const BULK_AREAS = Object.values(CancerArea);
const BULK_FILES = ['Location.ndjson', 'Schedule.ndjson', 'Slot.ndjson'] as const;

function idsParam(query: Record<string, unknown>): string[] | undefined {
  const v = queryValues(query, '_id');
  if (!v.length) return undefined;
  return v
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

function onlyOne(query: Record<string, unknown>, name: string): string | undefined {
  const v = queryValues(query, name);
  if (v.length > 1) throw badInput(name, `Give ${name} once; separate alternatives with commas`);
  return v[0];
}

/**
 * FHIR R4 beyond Slot: CapabilityStatement, Location (providers), Schedule (provider × cancer area × modality, what
 * Slot.schedule points at) and the SMART Scheduling Links bulk publication. Roles: see fhir-access.ts.
 */
@Controller('fhir')
@UseFilters(FhirExceptionFilter)
export class FhirController {
  /** Links are built from the configured PUBLIC_URL, never from the request's Host header. */
  private readonly fhirBase: string;

  constructor(
    private readonly fhir: FhirService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.fhirBase = `${config.publicUrl}/fhir`;
  }

  /** Discovery needs no token (FHIR clients read it before they authenticate). */
  @Public()
  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  metadata(@Req() req: FhirRequest): CapabilityStatement {
    assertOnlyParams(req.query, ['_format', 'mode']);
    return capabilityStatement(this.fhirBase);
  }

  @Get('Location')
  @Roles(...FHIR_ACCESS.locations)
  @Header('Content-Type', FHIR_JSON)
  async locations(@Req() req: FhirRequest): Promise<Bundle<Location>> {
    assertOnlyParams(req.query, ['_id', '_count', '_offset', '_format']);
    return this.page(req, 'Location', await this.fhir.locations(idsParam(req.query)));
  }

  @Get('Location/:id')
  @Roles(...FHIR_ACCESS.locations)
  @Header('Content-Type', FHIR_JSON)
  location(@Param('id') id: string): Promise<Location> {
    return this.fhir.location(id);
  }

  @Get('Schedule')
  @Roles(...FHIR_ACCESS.capacity)
  @Header('Content-Type', FHIR_JSON)
  async schedules(@Req() req: FhirRequest): Promise<Bundle<Schedule>> {
    assertOnlyParams(req.query, ['actor', 'service-type', '_id', '_count', '_offset', '_format']);
    const actor = onlyOne(req.query, 'actor');
    const serviceType = onlyOne(req.query, 'service-type');
    let providerIds: string[] | undefined;
    if (actor !== undefined) {
      providerIds = actor.split(',').map((a) => a.trim().replace(/^(\S*\/)?Location\//, ''));
      if (providerIds.some((p) => !/^[A-Za-z0-9\-.]{1,64}$/.test(p)))
        throw badInput('actor', 'actor must be Location/<provider id>');
    }
    const found = await this.fhir.schedules({
      providerIds,
      cancerAreas: serviceType === undefined ? undefined : parseServiceType(serviceType),
      ids: idsParam(req.query),
    });
    return this.page(req, 'Schedule', found);
  }

  @Get('Schedule/:id')
  @Roles(...FHIR_ACCESS.capacity)
  @Header('Content-Type', FHIR_JSON)
  schedule(@Param('id') id: string): Promise<Schedule> {
    return this.fhir.schedule(id);
  }

  /**
   * SMART Scheduling Links manifest: where to fetch NDJSON files of Location, Schedule and Slot. `transactionTime`
   * is what the client passes as `_since` next time to get only what changed.
   */
  @Get('$bulk-publish')
  @Roles(...FHIR_ACCESS.capacity)
  @Header('Content-Type', 'application/json; charset=utf-8')
  bulkPublish(@Req() req: FhirRequest) {
    assertOnlyParams(req.query, ['_since', 'since']);
    const since = parseSince(req.query);
    const transactionTime = this.clock.now().toISOString();
    const qs = since ? `_since=${encodeURIComponent(since.raw)}` : '';
    const file = (name: string, extra = '') => {
      const params = [extra, qs].filter(Boolean).join('&');
      return `${this.fhirBase}/$bulk-publish/${name}${params ? `?${params}` : ''}`;
    };
    return {
      transactionTime,
      request: `${this.fhirBase}/$bulk-publish${queryStringOf(req)}`,
      requiresAccessToken: true,
      output: [
        { type: 'Location', url: file('Location.ndjson') },
        { type: 'Schedule', url: file('Schedule.ndjson') },
        ...BULK_AREAS.map((area) => ({
          type: 'Slot',
          url: file('Slot.ndjson', `service-type=${area}`),
          extension: { serviceType: [{ system: CANCER_AREA_SYSTEM, code: area }] },
        })),
      ],
      error: [],
    };
  }

  @Get('$bulk-publish/:file')
  @Roles(...FHIR_ACCESS.capacity)
  async bulkFile(@Param('file') file: string, @Req() req: FhirRequest, @Res() res: StreamResponse): Promise<void> {
    if (!(BULK_FILES as readonly string[]).includes(file)) throw notFound('Bulk file', file);
    assertOnlyParams(req.query, file === 'Slot.ndjson' ? ['_since', 'since', 'service-type'] : ['_since', 'since']);
    const since = parseSince(req.query);
    const from = since ? new Date(since.at.getTime() - SINCE_OVERLAP_MS) : undefined;
    const serviceType = onlyOne(req.query, 'service-type');
    const areas = serviceType === undefined ? BULK_AREAS : parseServiceType(serviceType);
    res.status(200);
    res.setHeader('Content-Type', FHIR_NDJSON);
    if (file === 'Location.ndjson') await writeLines(res, [await this.fhir.locations(undefined, from)]);
    else if (file === 'Schedule.ndjson') await writeLines(res, [await this.fhir.schedules({ since: from })]);
    else for (const area of areas) await writeLines(res, this.fhir.bulkSlots(area, from));
    res.end();
  }

  private page<T extends FhirResource>(req: FhirRequest, type: string, all: T[]): Bundle<T> {
    const { count, offset } = parsePage(req.query);
    const self = `${this.fhirBase}/${type}${queryStringOf(req)}`;
    let next: string | undefined;
    if (offset + count < all.length) {
      const url = new URL(self);
      url.searchParams.set('_offset', String(offset + count));
      next = url.toString();
    }
    return searchset(this.fhirBase, { self, next }, all.length, all.slice(offset, offset + count));
  }
}

/** Writes resources as NDJSON, waiting for the socket to drain; stops when the client has gone. */
async function writeLines(
  res: StreamResponse,
  pages: Iterable<FhirResource[]> | AsyncIterable<FhirResource[]>,
): Promise<void> {
  for await (const page of pages) {
    if (res.destroyed) return;
    if (!page.length) continue;
    const chunk = page.map((r) => JSON.stringify(r)).join('\n') + '\n';
    if (!res.write(chunk)) {
      await Promise.race([once(res as never, 'drain'), once(res as never, 'close')]);
    }
  }
}

/** Anything else under /fhir: an OperationOutcome, not the api's JSON 404. Registered after every FHIR controller. */
@Controller('fhir')
@UseFilters(FhirExceptionFilter)
export class FhirFallbackController {
  @Public()
  @All()
  base(@Req() req: FhirRequest): never {
    return this.unsupported(req);
  }

  @Public()
  @All('*path')
  unsupported(@Req() req: FhirRequest): never {
    throw notFound('FHIR interaction', req.originalUrl.split('?')[0]);
  }
}
