import {
  Actor,
  AppConfig,
  assertNoPersonalData,
  AuditService,
  auditInsertFromJson,
  auditRowsJson,
  badInput,
  Clock,
  Connection,
  DomainError,
  invalidState,
  Keyset,
  keysetPage,
  notFound,
  outboxInsertFromJson,
  outboxRowJson,
  OutboxService,
  Page,
  ProviderKind,
  query,
  SYSTEM_ACTOR,
} from '@app/core';
import {
  CapacityService,
  copenhagenToUtc,
  copenhagenWallClock,
  OfferSlot,
  offerSlotSql,
  releasedSlotStatus,
  slotHoldSql,
  SlotStatus,
} from '@app/capacity';
import { randomUUID } from 'node:crypto';
import { addWorkingDays, todayInCopenhagen } from '@app/deadline';
import {
  Pathway,
  pathwayJsonSql,
  pathwayLockIfUnchangedSql,
  PATHWAY_OFFER_MOVES,
  pathwayOfferedSql,
  PathwaysService,
  PathwayStatus,
  patientAnswersJsonSql,
} from '@app/pathways';
import { ReferenceService } from '@app/reference';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOfferInput, OfferFilter, OfferOrder, RespondToOfferInput } from './dto/offer.inputs';
import { DeclineReason, Offer, OfferResponse, OfferStatus } from './offer.entities';
import { checkPatientWishes } from './patient-wishes.check';
import { canOfferMove } from './offer-status';

const byId = { sql: 'o.id', kind: 'uuid' } as const;
/** The orders of the `offers` list, each ending with the id. */
const OFFER_ORDERS: Record<OfferOrder, Keyset> = {
  [OfferOrder.OFFERED_DESC]: { columns: [{ sql: 'o.offered_at', kind: 'instant' }, byId], direction: 'DESC' },
  [OfferOrder.EXPIRES_ASC]: { columns: [{ sql: 'o.expires_at', kind: 'instant' }, byId], direction: 'ASC' },
};

/**
 * createOffer's reads as one statement, made without a lock (owners' builders): the pathway and the patient's answers
 * as JSON, and the slot's columns (all NULL when the slot does not exist). $1 pathway id, $2 slot id. Always one row.
 */
const CREATE_OFFER_READ_SQL = `
  SELECT ${pathwayJsonSql('$1')} AS pathway, ${patientAnswersJsonSql('$1')} AS answers, s.*
    FROM (SELECT 1) AS one LEFT JOIN LATERAL (${offerSlotSql('$2')}) AS s ON true`;

/** A row of CREATE_OFFER_READ_SQL: the slot's columns are NULL when there is no such slot. */
type CreateOfferRead = { pathway: Record<string, unknown> | null; answers: Record<string, unknown>[] } & (
  OfferSlot | { [K in keyof OfferSlot]: null }
);

/**
 * createOffer's writes as one statement (issue #20, offers under load), run after reads made without a lock:
 * - the pathway is locked only if it is still at the version and status that were read (pathways' builder), so a
 *   concurrent change (another offer, an answer, a pause) makes the statement write nothing and create() re-reads;
 * - the conditional slot hold (capacity's builder) is the race arbiter between offers on one slot: a concurrent offer
 *   blocks on the row, then finds it HELD and writes nothing;
 * - then the offer, the pathway's WAITING -> OFFERED (pathways' builder), the audit rows and the expiry job's outbox
 *   row (core's builders), each only if the step before it happened. One statement is one transaction: all or nothing.
 * $1 slot, $2 offer (JSON, snake_case columns), $3 pathway id, $4 updated_at, $5 audit rows, $6 outbox row,
 * $7 the pathway's region (whose planners see the hold), $8 the pathway version that was read.
 */
const CREATE_OFFER_WRITE_SQL = `
  WITH unchanged AS (
    ${pathwayLockIfUnchangedSql({ id: '$3', version: '$8', status: `'${PATHWAY_OFFER_MOVES.offer.from[0]}'` })}
  ), held AS (
    ${slotHoldSql({ slot: '$1', heldForRegion: '$7', when: 'EXISTS (SELECT 1 FROM unchanged)' })}
  ), offer_row AS (
    INSERT INTO offer (id, pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
                       slot_starts_at, slot_date, deadline_at_offer, offered_at, offered_on, expires_at, made_by)
    SELECT o.id, o.pathway_id, o.slot_id, o.status, o.region_code, o.cancer_area, o.modality, o.provider_id, o.provider_kind, o.provider_country,
           o.slot_starts_at, o.slot_date, o.deadline_at_offer, o.offered_at, o.offered_on, o.expires_at, o.made_by
      FROM held, jsonb_to_record($2::jsonb) AS o(id uuid, pathway_id uuid, slot_id uuid, status text, region_code int, cancer_area text,
           modality text, provider_id uuid, provider_kind text, provider_country char(2), slot_starts_at timestamptz, slot_date date,
           deadline_at_offer date, offered_at timestamptz, offered_on date, expires_at timestamptz, made_by uuid)
    RETURNING id
  ), pathway_row AS (
    ${pathwayOfferedSql({ id: '$3', updatedAt: '$4', when: 'EXISTS (SELECT 1 FROM offer_row)' })}
  ), audit_rows AS (
    ${auditInsertFromJson('$5')} WHERE EXISTS (SELECT 1 FROM pathway_row)
  ), outbox_row AS (
    ${outboxInsertFromJson('$6')} WHERE EXISTS (SELECT 1 FROM pathway_row)
  )
  SELECT (SELECT count(*) FROM unchanged)::int AS unchanged, (SELECT count(*) FROM held)::int AS held,
         (SELECT count(*) FROM pathway_row)::int AS moved`;

/** The offer as the JSON record CREATE_OFFER_WRITE_SQL inserts (snake_case columns). */
function offerRowJson(o: Offer): string {
  return JSON.stringify({
    id: o.id,
    pathway_id: o.pathwayId,
    slot_id: o.slotId,
    status: o.status,
    region_code: o.regionCode,
    cancer_area: o.cancerArea,
    modality: o.modality,
    provider_id: o.providerId,
    provider_kind: o.providerKind,
    provider_country: o.providerCountry,
    slot_starts_at: o.slotStartsAt,
    slot_date: o.slotDate,
    deadline_at_offer: o.deadlineAtOffer,
    offered_at: o.offeredAt,
    offered_on: o.offeredOn,
    expires_at: o.expiresAt,
    made_by: o.madeBy,
  });
}

/** The pathway's status changes of an answered, withdrawn or expired offer (pathways' state machine). */
const { offer: offered, accept, release } = PATHWAY_OFFER_MOVES;

/**
 * The offer lifecycle. Each change is one transaction: a conditional UPDATE on the slot's status (so two concurrent
 * offers on one slot cannot both win), the offer row, the pathway's status via PathwaysService, and audit rows.
 */
@Injectable()
export class OffersService implements OnModuleInit {
  private readonly logger = new Logger(OffersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly pathways: PathwaysService,
    private readonly reference: ReferenceService,
    private readonly capacity: CapacityService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.pathways.addStatusGuard((m, p, to) => this.keepBooking(m, p, to));
  }

  /** A booking made through an offer holds a slot in another region; reopening the pathway would leave it booked for nobody. */
  private async keepBooking(m: EntityManager, p: Pathway, to: PathwayStatus): Promise<void> {
    if (p.status !== PathwayStatus.SCHEDULED || to === PathwayStatus.TREATED) return;
    if (await m.exists(Offer, { where: { pathwayId: p.id, status: OfferStatus.ACCEPTED } })) {
      throw invalidState(
        'The pathway is scheduled through an accepted offer; its booked slot must be cancelled with the providing region first',
      );
    }
  }

  /**
   * Makes an offer: reads (pathway, slot, the patient's answers) in one statement without a lock, checks every rule,
   * then writes everything in one statement that applies only if the pathway is unchanged since it was read and the
   * slot is still free (CREATE_OFFER_WRITE_SQL). Two round trips and no connection held across them, so 50 planners
   * at once do not queue for the pool. If the pathway changed in between, the rules are checked again on what it is now.
   */
  async create(actor: Actor, input: CreateOfferInput, now = this.clock.now()): Promise<Offer> {
    for (let attempt = 1; ; attempt++) {
      const [read] = await query<CreateOfferRead>(this.db, CREATE_OFFER_READ_SQL, [input.pathwayId, input.slotId]);
      const { pathway: pathwayJson, answers: answersJson, ...slot } = read;
      const pathway = await this.pathways.forWriteFromJson(actor, input.pathwayId, pathwayJson);
      if (slot.id === null) throw notFound('Slot', input.slotId);
      const answers = this.pathways.answersFromJson(answersJson);
      if (pathway.status === PathwayStatus.OFFERED)
        throw invalidState('The pathway already has a pending offer; answer or withdraw it first');
      if (!(offered.from as readonly PathwayStatus[]).includes(pathway.status))
        throw invalidState(`A ${pathway.status} pathway cannot receive offers`);
      await this.checkSlotFits(pathway, slot, input.allowOwnRegion ?? false, now);
      const overrideAudit = await checkPatientWishes(this.reference, pathway, answers, slot, input.overrides);
      const o = this.newOffer(actor, pathway, slot, this.expiry(input.expiresAt, slot.starts_at, now), now);
      const after = { ...pathway, status: offered.to, updatedAt: now, version: pathway.version + 1 };
      const [res]: { unchanged: number; held: number; moved: number }[] = await this.db.query(CREATE_OFFER_WRITE_SQL, [
        slot.id,
        offerRowJson(o),
        pathway.id,
        now,
        auditRowsJson(actor, [
          {
            action: 'slot.hold',
            entityType: 'slot',
            entityId: slot.id,
            before: { status: SlotStatus.FREE },
            after: { status: SlotStatus.HELD, offerId: o.id },
          },
          { action: 'pathway.offered', entityType: 'pathway', entityId: pathway.id, before: pathway, after },
          { action: 'offer.create', entityType: 'offer', entityId: o.id, after: o },
          ...overrideAudit,
        ]),
        outboxRowJson('offers.expire', { offerId: o.id }, { key: o.id, runAt: o.expiresAt }),
        pathway.regionCode,
        pathway.version,
      ]);
      if (res.moved === 1) {
        this.outbox.kick();
        return o;
      }
      if (res.unchanged === 1) throw this.notAvailable({ ...slot, status: 'HELD' });
      // The pathway changed since it was read: check again on its new state (which then says why, if it is refused).
      if (attempt >= 3) throw invalidState('The pathway is being changed by someone else right now; try again');
    }
  }

  private newOffer(actor: Actor, pathway: Pathway, slot: OfferSlot, expiresAt: Date, now: Date): Offer {
    return this.db.manager.create(Offer, {
      id: randomUUID(),
      pathwayId: pathway.id,
      slotId: slot.id,
      status: OfferStatus.PENDING,
      regionCode: pathway.regionCode,
      cancerArea: pathway.cancerArea,
      modality: pathway.modality,
      providerId: slot.provider_id,
      providerKind: slot.provider_kind,
      providerCountry: slot.country,
      slotStartsAt: slot.starts_at,
      slotDate: slot.slot_date,
      deadlineAtOffer: pathway.deadline,
      offeredAt: now,
      offeredOn: todayInCopenhagen(now),
      expiresAt,
      madeBy: actor.userId || null,
      respondedAt: null,
      declineReason: null,
      note: null,
    });
  }

  async respond(actor: Actor, input: RespondToOfferInput): Promise<Offer> {
    assertNoPersonalData({ note: input.note });
    if (input.response === OfferResponse.DECLINED) {
      if (!input.declineReason) throw badInput('declineReason', 'A declined offer needs a declineReason');
      if (input.declineReason === DeclineReason.OTHER && !input.note?.trim())
        throw badInput('note', 'Reason OTHER needs a note');
    } else if (input.declineReason) {
      throw badInput('declineReason', 'declineReason is only for DECLINED');
    }
    if (
      input.recordMaxTravelKm !== undefined &&
      input.recordMaxTravelKm !== null &&
      input.declineReason !== DeclineReason.DISTANCE
    ) {
      throw badInput('recordMaxTravelKm', 'A travel limit is recorded with a DISTANCE decline');
    }
    if (input.recordNoAbroad && input.declineReason !== DeclineReason.ABROAD)
      throw badInput('recordNoAbroad', 'acceptsAbroad = false is recorded with an ABROAD decline');
    await this.refuseIfExpired(input.offerId);
    return this.db.transaction(async (m) => {
      const o = await this.lockPending(m, actor, input.offerId);
      if (input.response === OfferResponse.ACCEPTED) {
        await this.setSlot(m, actor, o.slotId, SlotStatus.BOOKED, o.id);
        await this.pathways.transition(m, actor, o.pathwayId, [...accept.from], accept.to, {
          expectedDate: o.slotDate,
        });
        return this.finish(m, actor, o, { status: OfferStatus.ACCEPTED, note: input.note ?? null });
      }
      await this.releaseSlot(m, actor, o);
      const p = await this.pathways.transition(m, actor, o.pathwayId, [...release.from], release.to);
      if (input.recordMaxTravelKm || input.recordNoAbroad) {
        await this.pathways.recordPreferences(m, actor, p, {
          ...(input.recordMaxTravelKm ? { maxTravelKm: input.recordMaxTravelKm } : {}),
          ...(input.recordNoAbroad ? { acceptsAbroad: false } : {}),
        });
      }
      return this.finish(m, actor, o, {
        status: OfferStatus.DECLINED,
        declineReason: input.declineReason!,
        note: input.note ?? null,
      });
    });
  }

  async withdraw(actor: Actor, offerId: string): Promise<Offer> {
    await this.refuseIfExpired(offerId);
    return this.db.transaction(async (m) => {
      const o = await this.lockPending(m, actor, offerId);
      await this.releaseSlot(m, actor, o);
      await this.pathways.transition(m, actor, o.pathwayId, [...release.from], release.to);
      return this.finish(m, actor, o, { status: OfferStatus.WITHDRAWN });
    });
  }

  /** Expires one offer if it is still pending and due; idempotent (the delayed job and the sweep may both call it). */
  async expire(offerId: string, now = this.clock.now()): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const o = await m.findOne(Offer, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      if (!o || o.status !== OfferStatus.PENDING || o.expiresAt.getTime() > now.getTime()) return false;
      await this.releaseSlot(m, SYSTEM_ACTOR, o);
      await this.pathways.transition(m, SYSTEM_ACTOR, o.pathwayId, [...release.from], release.to);
      await this.finish(m, SYSTEM_ACTOR, o, { status: OfferStatus.EXPIRED });
      return true;
    });
  }

  /** An answer after expiresAt (worker late or down) must not book the slot: expire the offer now and say so. */
  private async refuseIfExpired(offerId: string): Promise<void> {
    if (await this.expire(offerId)) throw invalidState('The offer has expired; its slot was released');
  }

  /** Safety net for lost delayed jobs (Redis flushed, worker down): expires every overdue pending offer. */
  async expireOverdue(now = this.clock.now()): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM offer WHERE status = 'PENDING' AND expires_at <= $1 ORDER BY expires_at LIMIT 5000`,
      [now],
    );
    let n = 0;
    for (const r of rows) if (await this.expire(r.id, now)) n++;
    if (n) this.logger.log(`Expiry sweep expired ${n} overdue offers`);
    return n;
  }

  async get(actor: Actor, id: string): Promise<Offer> {
    const o = await this.db.getRepository(Offer).findOne({ where: { id } });
    if (!o) throw notFound('Offer', id);
    await this.pathways.get(actor, o.pathwayId); // read access to the offer = read access to its pathway
    return o;
  }

  /** The offers the actor may see, keyset-paged in the given order. */
  async list(actor: Actor, f: OfferFilter, page: Page, order = OfferOrder.OFFERED_DESC): Promise<Connection<Offer>> {
    const scope = await this.pathways.scopeOf(actor);
    const qb = this.db.getRepository(Offer).createQueryBuilder('o');
    if (scope.regionCodes) qb.andWhere('o.region_code = ANY(:rc)', { rc: scope.regionCodes });
    if (scope.cancerAreas) qb.andWhere('o.cancer_area = ANY(:ca)', { ca: scope.cancerAreas });
    if (f.pathwayId) qb.andWhere('o.pathway_id = :pid', { pid: f.pathwayId });
    if (f.status) qb.andWhere('o.status = :st', { st: f.status });
    if (f.regionCode !== undefined)
      qb.andWhere('o.region_code = ANY(:frc)', { frc: await this.reference.regionCodesFor(f.regionCode) });
    if (f.providerKind) qb.andWhere('o.provider_kind = :pk', { pk: f.providerKind });
    if (f.slotId) qb.andWhere('o.slot_id = :sid', { sid: f.slotId });
    if (f.cancerArea) qb.andWhere('o.cancer_area = :area', { area: f.cancerArea });
    return keysetPage(qb, OFFER_ORDERS[order], page);
  }

  byPathwayIds(ids: readonly string[]): Promise<Offer[]> {
    return this.db
      .getRepository(Offer)
      .createQueryBuilder('o')
      .where('o.pathway_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('o.offered_at')
      .getMany();
  }

  private async checkSlotFits(p: Pathway, s: OfferSlot, allowOwnRegion: boolean, now: Date): Promise<void> {
    if (s.cancer_area !== p.cancerArea || s.modality !== p.modality) {
      throw badInput(
        'slotId',
        `The slot is ${s.cancer_area}/${s.modality} but the pathway needs ${p.cancerArea}/${p.modality}`,
      );
    }
    if (s.status !== 'FREE' || s.starts_at.getTime() <= now.getTime()) throw this.notAvailable(s);
    if (!allowOwnRegion && s.region_code !== null) {
      const today = todayInCopenhagen(now);
      if (
        (await this.reference.effectiveRegion(s.region_code, today)) ===
        (await this.reference.effectiveRegion(p.regionCode, today))
      ) {
        throw badInput('slotId', "The slot is in the patient's own region; set allowOwnRegion to offer it anyway");
      }
    }
    if (s.provider_kind !== ProviderKind.PUBLIC) {
      // The agreement rule's SQL form (migration 700).
      const [{ valid }]: { valid: string | null }[] = await this.db.query(
        `SELECT agreement_valid_to($1, $2, $3, $4::date) AS valid`,
        [s.provider_id, p.cancerArea, p.modality, s.slot_date],
      );
      if (!valid) {
        throw new DomainError(
          'AGREEMENT_REQUIRED',
          `No agreement with this ${s.provider_kind.toLowerCase()} provider covers ${p.cancerArea}/${p.modality} on ${s.slot_date}`,
        );
      }
    }
  }

  /** Default: the same time of day N working days ahead (deadline module calendar), never after the slot starts. */
  private expiry(requested: Date | undefined, slotStart: Date, now: Date): Date {
    // Same Copenhagen wall-clock time N working days ahead (a DST change in between does not shift it by an hour).
    const wall = copenhagenWallClock(now);
    const fallback = copenhagenToUtc(addWorkingDays(wall.date, this.config.offerExpiryWorkingDays), wall.time);
    const at = requested ?? fallback;
    if (at.getTime() <= now.getTime()) throw badInput('expiresAt', 'expiresAt must be in the future');
    return at.getTime() > slotStart.getTime() ? slotStart : at;
  }

  private notAvailable(s: OfferSlot): DomainError {
    return new DomainError(
      'SLOT_NOT_AVAILABLE',
      `Slot ${s.id} is no longer free (${s.status === 'FREE' ? 'it has started' : s.status})`,
    );
  }

  private async lockPending(m: EntityManager, actor: Actor, offerId: string): Promise<Offer> {
    const o = await m.findOne(Offer, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
    if (!o) throw notFound('Offer', offerId);
    await this.pathways.assertCanWrite(actor, o.regionCode);
    if (o.status !== OfferStatus.PENDING) throw invalidState(`The offer is already ${o.status}`);
    if (o.expiresAt.getTime() <= this.clock.now().getTime()) throw invalidState('The offer has expired');
    return o;
  }

  /** Every slot change of the offer lifecycle starts from HELD (the offer's own hold). */
  private async setSlot(
    m: EntityManager,
    actor: Actor,
    slotId: string,
    to: SlotStatus,
    offerId: string,
  ): Promise<void> {
    if (!(await this.capacity.transitionInTx(m, actor, slotId, SlotStatus.HELD, to, offerId)))
      throw invalidState(`Slot ${slotId} is not held`);
  }

  /** A released slot is FREE again, or EXPIRED if its start has passed meanwhile. */
  private async releaseSlot(m: EntityManager, actor: Actor, o: Offer): Promise<void> {
    const to = releasedSlotStatus(o.slotStartsAt, this.clock.now());
    await this.setSlot(m, actor, o.slotId, to, o.id);
  }

  private async finish(
    m: EntityManager,
    actor: Actor,
    before: Offer,
    change: Partial<Offer> & { status: OfferStatus },
  ): Promise<Offer> {
    if (!canOfferMove(before.status, change.status))
      throw invalidState(`An offer cannot go from ${before.status} to ${change.status}`);
    await m.update(Offer, { id: before.id }, { ...change, respondedAt: this.clock.now() });
    const after = await m.findOneByOrFail(Offer, { id: before.id });
    await this.audit.record(m, actor, {
      action: `offer.${after.status.toLowerCase()}`,
      entityType: 'offer',
      entityId: after.id,
      before,
      after,
    });
    return after;
  }
}
