import { csvCell, CurrentActor, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { PathwaysService } from '@app/pathways';
import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ReferenceService } from '@app/reference';
import { OffersService } from './offers.service';

/** GET /pathways/:id/evidence.csv — every offer made for a pathway, for the region's handlepligt documentation. */
@Controller('pathways')
export class EvidenceController {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly offers: OffersService,
    private readonly reference: ReferenceService,
  ) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Get(':id/evidence.csv')
  async evidence(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ): Promise<string> {
    const p = await this.pathways.get(actor, id);
    const offers = await this.offers.byPathwayIds([p.id]);
    const providers = new Map(
      (await this.reference.providersByIds([...new Set(offers.map((o) => o.providerId))])).map((x) => [x.id, x]),
    );
    // Set after the access check, so a refusal is sent as the usual JSON error. A download, named after the
    // pseudonymous reference (only safe characters in the header).
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="evidence-${p.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
    );
    const header = [
      'pathway_reference',
      'region_code',
      'cancer_area',
      'deadline_at_offer',
      'offer_id',
      'offered_at',
      'provider_id',
      'provider_name',
      'provider_kind',
      'provider_country',
      'slot_date',
      'meets_deadline',
      'status',
      'responded_at',
      'decline_reason',
      'note',
    ];
    const rows = offers.map((o) => [
      p.reference,
      o.regionCode,
      o.cancerArea,
      o.deadlineAtOffer,
      o.id,
      o.offeredAt,
      o.providerId,
      providers.get(o.providerId)?.name ?? '',
      o.providerKind,
      o.providerCountry,
      o.slotDate,
      o.meetsDeadline,
      o.status,
      o.respondedAt,
      o.declineReason,
      o.note,
    ]);
    return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }
}
