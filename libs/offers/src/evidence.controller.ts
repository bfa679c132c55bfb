import { csvCell, CurrentActor, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { PathwaysService } from '@app/pathways';
import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { OffersService } from './offers.service';

/** GET /pathways/:id/evidence.csv — every offer made for a pathway, for the region's handlepligt documentation. */
@Controller('pathways')
export class EvidenceController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly offers: OffersService,
  ) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Get(':id/evidence.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="evidence.csv"')
  async evidence(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    const p = await this.pathways.get(actor, id);
    const offers = await this.offers.byPathwayIds([p.id]);
    const header = ['pathway_reference', 'region_code', 'cancer_area', 'deadline_at_offer', 'offer_id', 'offered_at', 'provider_id',
      'provider_kind', 'provider_country', 'slot_date', 'meets_deadline', 'status', 'responded_at', 'decline_reason', 'note'];
    const rows = offers.map((o) => [p.reference, o.regionCode, o.cancerArea, o.deadlineAtOffer, o.id, o.offeredAt, o.providerId,
      o.providerKind, o.providerCountry, o.slotDate, o.meetsDeadline, o.status, o.respondedAt, o.declineReason, o.note]);
    return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }
}
