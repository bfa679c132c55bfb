import {
  Actor,
  assertCancerArea,
  assertNoPersonalData,
  AuditService,
  badInput,
  CancerArea,
  Connection,
  forbidden,
  Keyset,
  keysetPage,
  Modality,
  notFound,
  Page,
  ProviderKind,
  Role,
} from '@app/core';
import { addDays, todayInCopenhagen } from '@app/deadline';
import { MatchingService } from '@app/matching';
import { Offer } from '@app/offers';
import { PathwayPhase, PathwaysService, WishOverrides } from '@app/pathways';
import { ReferenceService } from '@app/reference';
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
        const o = await m.findOne(Offer, { where: { id: input.offerId } });
        if (!o) throw notFound('Offer', input.offerId);
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
      this.db.query(
        `SELECT effective_region(region_code, $2::date) AS region, count(*)::int AS open, count(*) FILTER (WHERE at_risk)::int AS at_risk,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS median_days
           FROM pathway WHERE cancer_area = $1 AND status IN ('WAITING','OFFERED') GROUP BY 1`,
        [area, date],
      ),
      this.db.query(
        `SELECT effective_region(region_code, $2::date) AS region, modality, provider_kind, count(*)::int AS n
           FROM slot WHERE cancer_area = $1 AND status = 'FREE' AND slot_date >= $2::date AND slot_date < $3::date
          GROUP BY 1, 2, 3 ORDER BY 2, 3`,
        [area, date, end],
      ),
      this.db.query(
        `SELECT effective_region(s.region_code, $2::date) AS region, count(*)::int AS n
           FROM offer o JOIN slot s ON s.id = o.slot_id
          WHERE o.cancer_area = $1 AND o.offered_on >= $3::date AND o.offered_on <= $2::date
            AND s.region_code IS NOT NULL AND effective_region(s.region_code, $2::date) <> effective_region(o.region_code, $2::date)
          GROUP BY 1`,
        [area, date, start],
      ),
    ]);
    const regions = await this.reference.regions(date);
    const rows: AgendaRegion[] = regions.map((r) => {
      const p = pathways.find((x: { region: number }) => x.region === r.code);
      return {
        regionCode: r.code,
        regionName: r.name,
        openPathways: p?.open ?? 0,
        atRisk: p?.at_risk ?? 0,
        medianDaysToDeadline: p?.median_days ?? null,
        freeSlotsNext4Weeks: slots
          .filter((s: { region: number | null }) => s.region === r.code)
          .map((s: { modality: Modality; provider_kind: ProviderKind; n: number }) => ({
            modality: s.modality,
            providerKind: s.provider_kind,
            count: s.n,
          })),
        slotsOfferedToOthers: offered.find((x: { region: number }) => x.region === r.code)?.n ?? 0,
      };
    });
    const freeSlotsAbroad = slots
      .filter((s: { region: number | null }) => s.region === null)
      .reduce((a: number, s: { n: number }) => a + s.n, 0);
    const proposal = await this.matching.propose(actor, {
      cancerArea: area,
      from: date > todayInCopenhagen() ? date : undefined,
      to: end,
      overrides,
    });
    return { cancerArea: area, date, regions: rows, freeSlotsAbroad, proposal };
  }

  /** Cross-region waiting-time overview (seed 003 task C): aggregate only, so observers may read it too. */
  async waitingOverview(
    actor: Actor,
    area?: CancerArea,
    asOf: string = todayInCopenhagen(),
  ): Promise<WaitingOverviewRow[]> {
    if (area) assertCancerArea(actor, area);
    const areas = area ? [area] : actor.role === Role.COLLABORATION ? actor.cancerAreas : Object.values(CancerArea);
    const rows: {
      region: number;
      cancer_area: CancerArea;
      phase: PathwayPhase;
      open: number;
      at_risk: number;
      median: number | null;
      p90: number | null;
    }[] = await this.db.query(
      `SELECT effective_region(region_code, $2::date) AS region, cancer_area, phase, count(*)::int AS open,
                count(*) FILTER (WHERE at_risk)::int AS at_risk,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS p90
           FROM pathway WHERE status IN ('WAITING','OFFERED') AND cancer_area = ANY($1)
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [areas, asOf],
    );
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
