import { AppConfig, CurrentActor, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { ReferenceService } from '@app/reference';
import { Controller, Get, Header, Param, Req, UseFilters } from '@nestjs/common';
import type { Bundle, Slot as FhirSlot } from 'fhir/r4';
import { CapacityService } from './capacity.service';
import { FHIR_JSON, parseSlotSearch, searchset, toFhirSlot } from './fhir';
import { FHIR_ACCESS } from './fhir-access';
import { FhirExceptionFilter } from './fhir-errors';
import { Slot, SlotStatus } from './slot.entities';

/** The parts of the Express request the FHIR endpoints read. */
export interface FhirRequest {
  query: Record<string, unknown>;
  originalUrl: string;
}

/** The query string of the request as received ('' or '?a=b'), for self links. */
export const queryStringOf = (req: FhirRequest) => {
  const i = req.originalUrl.indexOf('?');
  return i < 0 ? '' : req.originalUrl.slice(i);
};

/** FHIR R4 read-only export of free capacity (`GET /fhir/Slot`), for regional booking and planning systems. */
@Controller('fhir')
@UseFilters(FhirExceptionFilter)
export class FhirSlotController {
  /** Links are built from the configured PUBLIC_URL, never from the request's Host header. */
  private readonly fhirBase: string;

  constructor(
    private readonly capacity: CapacityService,
    private readonly ref: ReferenceService,
    config: AppConfig,
  ) {
    this.fhirBase = `${config.publicUrl}/fhir`;
  }

  @Get('Slot')
  @Roles(...FHIR_ACCESS.capacity)
  @Header('Content-Type', FHIR_JSON)
  async search(@CurrentActor() actor: Actor, @Req() req: FhirRequest): Promise<Bundle<FhirSlot>> {
    const search = parseSlotSearch(req.query);
    const page = await this.capacity.findSlots(
      actor,
      { status: SlotStatus.FREE, cancerAreas: search.cancerAreas, starts: search.starts },
      { first: search.count, after: search.cursor ?? null },
    );
    const self = `${this.fhirBase}/Slot${queryStringOf(req)}`;
    let next: string | undefined;
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const url = new URL(self);
      url.searchParams.set('_cursor', page.pageInfo.endCursor);
      next = url.toString();
    }
    return searchset(this.fhirBase, { self, next }, await page.totalCount(), await this.resources(page.nodes));
  }

  @Get('Slot/:id')
  @Roles(...FHIR_ACCESS.capacity)
  @Header('Content-Type', FHIR_JSON)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FhirSlot> {
    const [resource] = await this.resources([await this.capacity.slot(actor, id)]);
    return resource;
  }

  private async resources(slots: Slot[]): Promise<FhirSlot[]> {
    const [providers, names] = await Promise.all([
      this.ref.providersByIds([...new Set(slots.map((s) => s.providerId))]),
      this.capacity.codeDisplayNames(),
    ]);
    const nameOf = new Map(providers.map((p) => [p.id, p.name]));
    return slots.map((s) => toFhirSlot(s, nameOf.get(s.providerId), names));
  }
}
