import {
  Actor,
  assertCancerArea,
  assertNoPersonalData,
  AuditService,
  badInput,
  CancerArea,
  Clock,
  Connection,
  forbidden,
  Keyset,
  keysetPage,
  notFound,
  Page,
  Role,
} from '@app/core';
import { addDays } from '@app/deadline';
import { freeSlotCounts, slotRegionCodes } from '@app/capacity';
import { MatchingService } from '@app/matching';
import { offersMadeBetween, OffersService } from '@app/offers';
import { openPathwaysByRegion, openPathwaysByRegionAndPhase, PathwaysService, WishOverrides } from '@app/pathways';
import { effectiveRegionCode, ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  AgendaRegion,
  CreateMeetingInput,
  MeetingAgenda,
  MeetingFilter,
  RecordMeetingDecisionInput,
  WaitingOverviewRow,
} from './dto/meeting.types';
import { DecisionKind, Meeting, MeetingDecision } from './meeting.entities';

const WINDOW_DAYS = 28;

/** The `meetings` list: latest meeting date first, then id. */
const MEETING_ORDER: Keyset = {
  columns: [
    { sql: 'm.meeting_date', kind: 'date' },
    { sql: 'm.id', kind: 'uuid' },
  ],
  direction: 'DESC',
};

/** Collaboration meetings: set-based agenda figures (a fixed number of queries whatever the data), decisions. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly matching: MatchingService,
    private readonly pathways: PathwaysService,
    private readonly reference: ReferenceService,
    private readonly offers: OffersService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateMeetingInput): Promise<Meeting> {
    assertCancerArea(actor, input.cancerArea);
    assertNoPersonalData({ title: input.title });
    return this.db.transaction(async (m) => {
      const meeting = await m.save(
        Meeting,
        m.create(Meeting, {
          cancerArea: input.cancerArea,
          date: input.date,
          title: input.title ?? `Kræftsamarbejde ${input.cancerArea} ${input.date}`,
          attendeeIds: input.attendeeIds ?? [],
          createdBy: actor.userId || null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'meeting.create',
        entityType: 'meeting',
        entityId: meeting.id,
        after: meeting,
      });
      return meeting;
    });
  }

  async list(actor: Actor, f: MeetingFilter, page: Page): Promise<Connection<Meeting>> {
    if (f.cancerArea) assertCancerArea(actor, f.cancerArea);
    const qb = this.db.getRepository(Meeting).createQueryBuilder('m');
    if (f.cancerArea) qb.andWhere('m.cancer_area = :a', { a: f.cancerArea });
    if (actor.role === Role.COLLABORATION) qb.andWhere('m.cancer_area = ANY(:areas)', { areas: actor.cancerAreas });
    if (f.from) qb.andWhere('m.meeting_date >= :from', { from: f.from });
    if (f.to) qb.andWhere('m.meeting_date <= :to', { to: f.to });
    return keysetPage(qb, MEETING_ORDER, page);
  }

  async recordDecision(actor: Actor, input: RecordMeetingDecisionInput): Promise<MeetingDecision> {
    assertNoPersonalData({ reason: input.reason });
    if (input.kind === DecisionKind.OFFER_MADE && !input.offerId)
      throw badInput('offerId', 'OFFER_MADE links the offer that was made');
    if (input.kind !== DecisionKind.OFFER_MADE && !input.reason?.trim())
      throw badInput('reason', `${input.kind} needs a reason`);
    if (input.kind !== DecisionKind.ESCALATE && !input.pathwayId)
      throw badInput('pathwayId', `${input.kind} is a decision about a pathway`);
    return this.db.transaction(async (m) => {
      const meeting = await m.findOne(Meeting, { where: { id: input.meetingId } });
      if (!meeting) throw notFound('Meeting', input.meetingId);
      assertCancerArea(actor, meeting.cancerArea);
      if (input.pathwayId) {
        const p = await this.pathways.get(actor, input.pathwayId);
        if (p.cancerArea !== meeting.cancerArea)
          throw badInput('pathwayId', `The pathway is ${p.cancerArea}, the meeting ${meeting.cancerArea}`);
      }
      if (input.offerId) {
        const o = await this.offers.get(actor, input.offerId);
        if (o.pathwayId !== input.pathwayId) throw badInput('offerId', 'The offer was made for another pathway');
      }
      const d = await m.save(
        MeetingDecision,
        m.create(MeetingDecision, {
          meetingId: meeting.id,
          pathwayId: input.pathwayId ?? null,
          kind: input.kind,
          offerId: input.offerId ?? null,
          reason: input.reason ?? null,
          decidedBy: actor.userId || null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'meeting.decision',
        entityType: 'meeting',
        entityId: meeting.id,
        after: d,
      });
      return d;
    });
  }

  decisionsOf(meetingIds: readonly string[]): Promise<MeetingDecision[]> {
    return this.db
      .getRepository(MeetingDecision)
      .find({ where: { meetingId: In([...meetingIds]) }, order: { decidedAt: 'ASC' } });
  }

  /** The agenda: per region (valid on the meeting date) pathways, free slots and help given to others, plus the proposal. */
  async agenda(actor: Actor, area: CancerArea, date: string, overrides?: WishOverrides): Promise<MeetingAgenda> {
    if (actor.role !== Role.SECRETARIAT && actor.role !== Role.COLLABORATION)
      throw forbidden(
        'Agendas are for the collaborations and the secretariat',
        'Dagsordener er for kræftsamarbejderne og sekretariatet',
      );
    assertCancerArea(actor, area);
    const end = addDays(date, WINDOW_DAYS);
    const start = addDays(date, -WINDOW_DAYS);
    const [pathways, slots, offered] = await Promise.all([
      openPathwaysByRegion(this.db, area, date),
      freeSlotCounts(this.db, { cancerArea: area, from: date, to: end, on: date }),
      this.slotsOfferedToOthers(area, start, date),
    ]);
    const regions = await this.reference.regions(date);
    const rows: AgendaRegion[] = regions.map((r) => {
      const p = pathways.find((x) => x.region === r.code);
      return {
        regionCode: r.code,
        regionName: r.name,
        openPathways: p?.open ?? 0,
        atRisk: p?.at_risk ?? 0,
        medianDaysToDeadline: p?.median_days ?? null,
        freeSlotsNext4Weeks: slots
          .filter((s) => s.region === r.code)
          .map((s) => ({ modality: s.modality, providerKind: s.provider_kind, count: s.n })),
        slotsOfferedToOthers: offered.get(r.code) ?? 0,
      };
    });
    const freeSlotsAbroad = slots.filter((s) => s.region === null).reduce((a, s) => a + s.n, 0);
    const proposal = await this.matching.propose(actor, {
      cancerArea: area,
      from: date > this.clock.today() ? date : undefined,
      to: end,
      overrides,
    });
    return { cancerArea: area, date, regions: rows, freeSlotsAbroad, proposal };
  }

  /**
   * Offers of an area made from `from` to `on` for slots in another region than the pathway's (both as valid on
   * `on`), counted per the slot's region: the help each region gave.
   */
  private async slotsOfferedToOthers(area: CancerArea, from: string, on: string): Promise<Map<number, number>> {
    const offers = await offersMadeBetween(this.db, area, from, on);
    const [slotRegions, regionMap] = await Promise.all([
      slotRegionCodes(
        this.db,
        offers.map((o) => o.slot_id),
      ),
      this.reference.regionMap(),
    ]);
    const counts = new Map<number, number>();
    for (const o of offers) {
      const code = slotRegions.get(o.slot_id);
      if (code === null || code === undefined) continue;
      const region = effectiveRegionCode(regionMap, code, on);
      if (region !== effectiveRegionCode(regionMap, o.region_code, on))
        counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    return counts;
  }

  /** Cross-region waiting-time overview (seed 003 task C): aggregate only, so observers may read it too. */
  async waitingOverview(
    actor: Actor,
    area?: CancerArea,
    asOf: string = this.clock.today(),
  ): Promise<WaitingOverviewRow[]> {
    if (area) assertCancerArea(actor, area);
    const areas = area ? [area] : actor.role === Role.COLLABORATION ? actor.cancerAreas : Object.values(CancerArea);
    const rows = await openPathwaysByRegionAndPhase(this.db, areas, asOf);
    const names = await this.reference.regionMap();
    return rows.map((r) => ({
      regionCode: r.region,
      regionName: names.get(r.region)?.name ?? String(r.region),
      cancerArea: r.cancer_area,
      phase: r.phase,
      openPathways: r.open,
      atRisk: r.at_risk,
      medianDaysLeft: r.median,
      p90DaysLeft: r.p90,
    }));
  }
}
