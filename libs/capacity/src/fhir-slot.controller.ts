import { CurrentActor, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { ReferenceService } from '@app/reference';
import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import type { Bundle, Slot as FhirSlot } from 'fhir/r4';
import { CapacityService } from './capacity.service';
import { FHIR_JSON, parseSlotSearch, slotSearchBundle, toFhirSlot } from './fhir';
import { Slot, SlotStatus } from './slot.entities';

/** The parts of the Express request the FHIR endpoints read. */
interface HttpRequest {
  query: Record<string, unknown>;
  protocol: string;
  originalUrl: string;
  get(header: string): string | undefined;
}

const baseUrlOf = (req: HttpRequest) => `${req.protocol}://${req.get('host')}`;

/** FHIR R4 read-only export of free capacity (`GET /fhir/Slot`), for regional booking and planning systems. */
@Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
@Controller('fhir')
export class FhirSlotController {
  constructor(
    private readonly capacity: CapacityService,
    private readonly ref: ReferenceService,
  ) {}

  @Get('Slot')
  @Header('Content-Type', FHIR_JSON)
  async search(@CurrentActor() actor: Actor, @Req() req: HttpRequest): Promise<Bundle<FhirSlot>> {
    const search = parseSlotSearch(req.query);
    const page = await this.capacity.findSlots(
      actor,
      { status: SlotStatus.FREE, cancerAreas: search.cancerAreas, starts: search.starts },
      { first: search.count, after: search.cursor, withTotal: true },
    );
    const base = baseUrlOf(req);
    let next: string | undefined;
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const url = new URL(base + req.originalUrl);
      url.searchParams.set('_cursor', page.pageInfo.endCursor);
      next = url.toString();
    }
    return slotSearchBundle(base, { self: base + req.originalUrl, next }, page.totalCount ?? page.nodes.length, await this.resources(page.nodes));
  }

  @Get('Slot/:id')
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
