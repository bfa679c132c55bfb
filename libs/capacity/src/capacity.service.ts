import {
  Actor,
  assertCancerArea,
  auditInsertSql,
  AuditService,
  Clock,
  badInput,
  CancerArea,
  Connection,
  forbidden,
  invalidState,
  Keyset,
  keysetPage,
  Modality,
  notFound,
  Page,
  Role,
  SYSTEM_ACTOR,
} from '@app/core';
import { todayInCopenhagen } from '@app/deadline';
import { effectiveRegionCode, Provider, ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { PublishSlotSeriesInput, PublishSlotsInput, SlotFilter } from './dto/capacity.inputs';
import { CodeNames } from './fhir';
import { assertMayChangeCapacity, regionCondition, regionPeriods } from './region-scope';
import { expandSeries, Occurrence } from './series';
import { Slot, SlotSeries, SlotStatus } from './slot.entities';
import { canSlotMove, slotAction, WHY_NOT_WITHDRAWN } from './slot-status';
import { SlotQuery, StartBound } from './slot-query';

/** Audit snapshot of a slot row in SQL, with the same keys (and instant format) as a snapshot of the entity. */
export const slotAuditJson = (a: string) => `jsonb_build_object(
  'id', ${a}.id, 'providerId', ${a}.provider_id, 'cancerArea', ${a}.cancer_area, 'modality', ${a}.modality,
  'starts', to_char(${a}.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'durationMinutes', ${a}.duration_minutes, 'date', ${a}.slot_date, 'status', ${a}.status,
  'seriesId', ${a}.series_id, 'seq', ${a}.seq, 'regionCode', ${a}.region_code, 'providerKind', ${a}.provider_kind,
  'heldForRegionCode', ${a}.held_for_region_code, 'importId', ${a}.import_id, 'externalId', ${a}.external_id)`;

/** Slots in time order: start (at microsecond precision in the cursor), then id. */
const SLOT_ORDER: Keyset = {
  columns: [
    { sql: 's.starts_at', kind: 'instant' },
    { sql: 's.id', kind: 'uuid' },
  ],
  direction: 'ASC',
};

/**
 * Expired FREE slots (start at or before $3, the Clock's now), one batch: lock, flip and audit in one statement
 * (SKIP LOCKED leaves slots being offered alone).
 */
const EXPIRE_BATCH_SQL = `
  WITH due AS (
    SELECT id FROM slot WHERE status = 'FREE' AND starts_at <= $3 ORDER BY starts_at LIMIT $1 FOR UPDATE SKIP LOCKED
  ), expired AS (
    UPDATE slot s SET status = 'EXPIRED', updated_at = now() FROM due WHERE s.id = due.id AND s.status = 'FREE' RETURNING s.*
  ), audited AS (
    ${auditInsertSql(`SELECT NULL::uuid, $2, 'slot.expire', 'slot', e.id::text, '{"status":"FREE"}'::jsonb, ${slotAuditJson('e')} FROM expired e`)}
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM audited`;

interface PublishTarget {
  providerId: string;
  cancerArea: CancerArea;
  modality: Modality;
  durationMinutes: number;
}

@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ref: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publishSlots(actor: Actor, input: PublishSlotsInput): Promise<Slot[]> {
    const seen = new Set<number>();
    for (const s of input.starts) {
      if (seen.has(s.getTime())) {
        throw badInput(
          'starts',
          `${s.toISOString()} is listed twice; publish parallel slots as a series with countPerOccurrence`,
        );
      }
      seen.add(s.getTime());
    }
    const occurrences = [...input.starts]
      .sort((a, b) => a.getTime() - b.getTime())
      .map((starts) => ({ starts, date: todayInCopenhagen(starts), seq: 0 }));
    await this.checkPublish(actor, input, occurrences, 'starts');
    return this.db.transaction(async (m) => {
      const ids = await this.insertSlots(m, actor, input, null, occurrences);
      return m.find(Slot, { where: { id: In(ids) }, order: { starts: 'ASC', seq: 'ASC' } });
    });
  }

  async publishSlotSeries(actor: Actor, input: PublishSlotSeriesInput): Promise<SlotSeries> {
    const spec = {
      ...input,
      weekdays: [...input.weekdays].sort((a, b) => a - b),
      countPerOccurrence: input.countPerOccurrence ?? 1,
    };
    const occurrences = expandSeries(spec);
    if (!occurrences.length) {
      throw badInput(
        'weekdays',
        `No date from ${spec.fromDate} to ${spec.toDate} falls on weekdays ${spec.weekdays.join(', ')}`,
      );
    }
    await this.checkPublish(actor, input, occurrences, 'fromDate');
    return this.db.transaction(async (m) => {
      const series = await m.save(
        SlotSeries,
        m.create(SlotSeries, {
          providerId: spec.providerId,
          cancerArea: spec.cancerArea,
          modality: spec.modality,
          weekdays: spec.weekdays,
          startTime: spec.startTime,
          durationMinutes: spec.durationMinutes,
          fromDate: spec.fromDate,
          toDate: spec.toDate,
          countPerOccurrence: spec.countPerOccurrence,
          createdBy: actor.userId || null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'slotSeries.publish',
        entityType: 'slotSeries',
        entityId: series.id,
        after: series,
      });
      await this.insertSlots(m, actor, spec, series.id, occurrences);
      return series;
    });
  }

  /** FREE → WITHDRAWN by a conditional update; any other status is refused with the reason. */
  async withdrawSlot(actor: Actor, id: string): Promise<Slot> {
    if (!isUUID(id)) throw notFound('Slot', id);
    const slot = await this.db.getRepository(Slot).findOne({ where: { id } });
    if (!slot) throw notFound('Slot', id);
    const provider = await this.ref.provider(slot.providerId);
    assertMayChangeCapacity(await this.ref.regionMap(), actor, slot.regionCode, [slot.date], provider.name);
    return this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Slot)
        .set({ status: SlotStatus.WITHDRAWN })
        .where('id = :id AND status = :free', { id, free: SlotStatus.FREE })
        .execute();
      const current = await m.findOneByOrFail(Slot, { id });
      if (!res.affected) throw invalidState(WHY_NOT_WITHDRAWN[current.status]);
      await this.audit.record(m, actor, {
        action: 'slot.withdraw',
        entityType: 'slot',
        entityId: id,
        before: { status: SlotStatus.FREE },
        after: current,
      });
      return current;
    });
  }

  /**
   * A slot status change made by the offer lifecycle inside its own transaction: conditional on the current status
   * (the race arbiter between concurrent offers) and audited here. Returns false when the slot was not in `from`.
   */
  async transitionInTx(
    m: EntityManager,
    actor: Actor,
    slotId: string,
    from: SlotStatus,
    to: SlotStatus,
    offerId?: string,
    heldForRegionCode?: number,
  ): Promise<boolean> {
    if (!canSlotMove(from, to)) throw invalidState(`A slot cannot go from ${from} to ${to}`);
    // Whose pathway the slot is held for decides which planners see it while it is not free.
    const heldFor =
      to === SlotStatus.HELD
        ? { heldForRegionCode: heldForRegionCode ?? null }
        : to === SlotStatus.FREE
          ? { heldForRegionCode: null }
          : {};
    const res = await m
      .createQueryBuilder()
      .update(Slot)
      .set({ status: to, ...heldFor })
      .where('id = :id AND status = :from', { id: slotId, from })
      .execute();
    if (!res.affected) return false;
    await this.audit.record(m, actor, {
      action: slotAction(to),
      entityType: 'slot',
      entityId: slotId,
      before: { status: from },
      after: { status: to, ...(offerId ? { offerId } : {}) },
    });
    return true;
  }

  /** Marks FREE slots whose start has passed as EXPIRED, in batches; idempotent. Returns how many expired. */
  async expireSlots(batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows: { n: number }[] = await m.query(EXPIRE_BATCH_SQL, [
          batchSize,
          SYSTEM_ACTOR.email,
          this.clock.now(),
        ]);
        return rows[0].n;
      });
      total += n;
      if (n < batchSize) return total;
    }
  }

  /** The GraphQL `slots` query: FREE by default, keyset-paged on (starts, id). */
  slots(actor: Actor, f: SlotFilter, page: Page): Promise<Connection<Slot>> {
    const starts: StartBound[] = [];
    if (f.from) starts.push({ op: '>=', at: f.from });
    if (f.to) starts.push({ op: '<', at: f.to });
    return this.findSlots(
      actor,
      {
        status: f.status ?? SlotStatus.FREE,
        cancerAreas: f.cancerArea ? [f.cancerArea] : undefined,
        modality: f.modality,
        regionCode: f.regionCode,
        outsideRegionCode: f.outsideRegionCode,
        providerKind: f.providerKind,
        providerId: f.providerId,
        starts,
      },
      page,
    );
  }

  /** Slots matching `q` that the actor may see, keyset-paged on (starts, id); the caller bounds page.first. */
  async findSlots(actor: Actor, q: SlotQuery, page: Page): Promise<Connection<Slot>> {
    const query = { ...q, cancerAreas: this.readableAreas(actor, q.status, q.cancerAreas) };
    const scope = await this.plannerScope(actor, q.status);
    return keysetPage(await this.filtered(query, scope), SLOT_ORDER, page);
  }

  /** One slot, if the actor may see its status (FHIR read). */
  async slot(actor: Actor, id: string): Promise<Slot> {
    const slot = isUUID(id) ? await this.db.getRepository(Slot).findOne({ where: { id } }) : null;
    if (!slot) throw notFound('Slot', id);
    this.readableAreas(actor, slot.status, [slot.cancerArea]);
    if (actor.role === Role.PLANNER && slot.status !== SlotStatus.FREE) {
      const own = await this.ref.regionCodesFor(actor.regionCode!);
      const region =
        slot.regionCode === null ? null : effectiveRegionCode(await this.ref.regionMap(), slot.regionCode, slot.date);
      const ownOnDate =
        actor.regionCode === null ? null : effectiveRegionCode(await this.ref.regionMap(), actor.regionCode, slot.date);
      if (region !== ownOnDate && !(slot.heldForRegionCode !== null && own.includes(slot.heldForRegionCode))) {
        throw forbidden(`Slot ${id} is ${slot.status} for another region's pathway`);
      }
    }
    return slot;
  }

  /**
   * Non-free slots reveal offers in progress: a planner sees those of the own region's providers and those held or
   * booked for the own region's pathways (e.g. a Hovedstaden slot offered to a Nordjylland pathway), no others.
   */
  private async plannerScope(
    actor: Actor,
    status: SlotStatus,
  ): Promise<{ sql: string; params: Record<string, unknown> } | null> {
    if (actor.role !== Role.PLANNER || status === SlotStatus.FREE) return null;
    const own = regionCondition('s', regionPeriods(await this.ref.regionMap(), actor.regionCode!), 'ownRegion');
    return {
      sql: `(${own.sql} OR s.held_for_region_code = ANY(:ownPathwayRegions))`,
      params: { ...own.params, ownPathwayRegions: await this.ref.regionCodesFor(actor.regionCode!) },
    };
  }

  slotsOfSeries(seriesIds: readonly string[]): Promise<Slot[]> {
    return this.db
      .getRepository(Slot)
      .find({ where: { seriesId: In([...seriesIds]) }, order: { starts: 'ASC', seq: 'ASC' } });
  }

  async slotCounts(seriesIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { series_id: string; n: number }[] = await this.db.query(
      `SELECT series_id, count(*)::int AS n FROM slot WHERE series_id = ANY($1::uuid[]) GROUP BY series_id`,
      [[...seriesIds]],
    );
    return new Map(rows.map((r) => [r.series_id, r.n]));
  }

  /** Danish display names of cancer areas and modalities (owned by reference). */
  codeDisplayNames(): Promise<CodeNames> {
    return this.ref.codeNames();
  }

  /**
   * Everyone may read FREE slots. Other statuses reveal offers in progress: not for OBSERVER, and a collaboration
   * sees them only in its own cancer areas. Returns the area restriction to apply.
   */
  private readableAreas(actor: Actor, status: SlotStatus, areas: CancerArea[] | undefined): CancerArea[] | undefined {
    if (status === SlotStatus.FREE) return areas;
    if (actor.role === Role.OBSERVER)
      throw forbidden('Observers may only read free slots', 'Observatører kan kun se ledige tider');
    if (actor.role !== Role.COLLABORATION) return areas;
    if (!areas) return actor.cancerAreas;
    areas.forEach((a) => assertCancerArea(actor, a));
    return areas;
  }

  private async filtered(q: SlotQuery, scope: { sql: string; params: Record<string, unknown> } | null = null) {
    const qb = this.db.getRepository(Slot).createQueryBuilder('s').where('s.status = :status', { status: q.status });
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (q.cancerAreas?.length === 1) qb.andWhere('s.cancer_area = :area', { area: q.cancerAreas[0] });
    else if (q.cancerAreas) qb.andWhere('s.cancer_area = ANY(:areas)', { areas: q.cancerAreas });
    if (q.modality) qb.andWhere('s.modality = :modality', { modality: q.modality });
    if (q.providerKind) qb.andWhere('s.provider_kind = :kind', { kind: q.providerKind });
    if (q.providerId) qb.andWhere('s.provider_id = :providerId', { providerId: q.providerId });
    if (q.regionCode !== undefined && q.regionCode !== null) {
      const c = regionCondition('s', regionPeriods(await this.ref.regionMap(), q.regionCode), 'inRegion');
      qb.andWhere(c.sql, c.params);
    }
    if (q.outsideRegionCode !== undefined && q.outsideRegionCode !== null) {
      const periods = regionPeriods(await this.ref.regionMap(), q.outsideRegionCode, 'outsideRegionCode');
      const c = regionCondition('s', periods, 'outRegion');
      qb.andWhere(`(s.region_code IS NULL OR NOT ${c.sql})`, c.params);
    }
    q.starts.forEach((b, i) => qb.andWhere(`s.starts_at ${b.op} :start${i}`, { [`start${i}`]: b.at }));
    return qb;
  }

  /** Provider exists and offers area and modality, the actor may publish there on every date, all starts ahead. */
  private async checkPublish(
    actor: Actor,
    t: PublishTarget,
    occurrences: Occurrence[],
    pastField: string,
  ): Promise<Provider> {
    const provider = await this.ref.provider(t.providerId);
    const dates = new Set(occurrences.map((o) => o.date));
    assertMayChangeCapacity(await this.ref.regionMap(), actor, provider.regionCode, dates, provider.name);
    if (!provider.active) throw badInput('providerId', `${provider.name} is no longer active`);
    if (!provider.cancerAreas.includes(t.cancerArea))
      throw badInput('cancerArea', `${provider.name} does not offer ${t.cancerArea}`);
    if (!provider.modalities.includes(t.modality))
      throw badInput('modality', `${provider.name} does not offer ${t.modality}`);
    const now = this.clock.now().getTime();
    const past = occurrences.find((o) => o.starts.getTime() <= now);
    if (past)
      throw badInput(
        pastField,
        `${past.starts.toISOString()} is not in the future; only coming slots can be published`,
      );
    return provider;
  }

  /**
   * One multi-row insert (unnest) plus one audit row per slot in the same statement. Exact duplicates are skipped by
   * the unique constraint and then reported, which rolls the whole call back.
   */
  private async insertSlots(
    m: EntityManager,
    actor: Actor,
    t: PublishTarget,
    seriesId: string | null,
    occ: Occurrence[],
  ): Promise<string[]> {
    const rows: { id: string; starts_at: Date; seq: number }[] = await m.query(
      `WITH inserted AS (
         INSERT INTO slot (provider_id, cancer_area, modality, starts_at, seq, duration_minutes, series_id, published_by)
         SELECT $1, $2, $3, o.starts_at, o.seq, $4, $5, $6 FROM unnest($7::timestamptz[], $8::int[]) AS o(starts_at, seq)
         ON CONFLICT ON CONSTRAINT slot_no_duplicate DO NOTHING
         RETURNING *
       ), audited AS (
         ${auditInsertSql(`SELECT $6::uuid, $9, 'slot.publish', 'slot', i.id::text, NULL::jsonb, ${slotAuditJson('i')} FROM inserted i`)}
       )
       SELECT id, starts_at, seq FROM inserted`,
      [
        t.providerId,
        t.cancerArea,
        t.modality,
        t.durationMinutes,
        seriesId,
        actor.userId || null,
        occ.map((o) => o.starts.toISOString()),
        occ.map((o) => o.seq),
        actor.email,
      ],
    );
    if (rows.length < occ.length) {
      const inserted = new Set(rows.map((r) => `${new Date(r.starts_at).getTime()}/${r.seq}`));
      const dup = [
        ...new Set(
          occ.filter((o) => !inserted.has(`${o.starts.getTime()}/${o.seq}`)).map((o) => o.starts.toISOString()),
        ),
      ];
      const more = dup.length > 5 ? ` and ${dup.length - 5} more` : '';
      throw badInput(
        'starts',
        `Already published for this provider, cancer area and modality: ${dup.slice(0, 5).join(', ')}${more}`,
      );
    }
    return rows.map((r) => r.id);
  }
}
