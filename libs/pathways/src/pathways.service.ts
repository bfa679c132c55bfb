import {
  Actor, assertNoPersonalData, AuditService, badInput, CancerArea, Clock, Connection, decodeCursor, forbidden,
  invalidState, notFound, Role, toConnection,
} from '@app/core';
import { computeDeadline, DeadlineResult } from '@app/deadline';
import { ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PathwayFilter, RecordPauseInput, RegisterPathwayInput, UpdatePathwayInput } from './dto/pathway.inputs';
import { OPEN_STATUSES, Pathway, PathwayPause, PathwayStatus } from './pathway.entities';
import { manualStatusChangeRefusal } from './pathway-status';

/**
 * A rule a higher lib adds to manual status changes, checked in the same transaction before the change (offers: a
 * pathway scheduled through an accepted offer keeps its booking). Pathways sits below offers, so it never reads the
 * offer table itself; the owner registers the check instead.
 */
export type PathwayStatusGuard = (m: EntityManager, pathway: Pathway, to: PathwayStatus) => Promise<void>;

/** What an actor may see: undefined = no restriction on that dimension. */
export interface PathwayScope {
  regionCodes?: number[];
  cancerAreas?: CancerArea[];
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

@Injectable()
export class PathwaysService {
  private readonly statusGuards: PathwayStatusGuard[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  /** Adds a check to manual status changes (see PathwayStatusGuard); called once by the registering lib at start-up. */
  addStatusGuard(guard: PathwayStatusGuard): void {
    this.statusGuards.push(guard);
  }

  /** Planner: own region (incl. codes merged into it); collaboration: own areas; observer: nothing. */
  async scopeOf(actor: Actor): Promise<PathwayScope> {
    switch (actor.role) {
      case Role.SECRETARIAT:
        return {};
      case Role.PLANNER:
        return { regionCodes: await this.reference.regionCodesFor(actor.regionCode!) };
      case Role.COLLABORATION:
        return { cancerAreas: actor.cancerAreas };
      default:
        throw forbidden('Observers see reports and aggregate statistics only, not pathways');
    }
  }

  async assertCanRead(actor: Actor, p: Pathway): Promise<void> {
    const s = await this.scopeOf(actor);
    if ((s.regionCodes && !s.regionCodes.includes(p.regionCode)) || (s.cancerAreas && !s.cancerAreas.includes(p.cancerArea))) {
      throw forbidden(`Pathway ${p.id} belongs to another region or cancer area`);
    }
  }

  /** Only the secretariat or a planner of the pathway's (effective) region changes it. */
  async assertCanWrite(actor: Actor, regionCode: number): Promise<void> {
    if (actor.role === Role.SECRETARIAT) return;
    if (actor.role === Role.PLANNER && (await this.reference.regionCodesFor(actor.regionCode!)).includes(regionCode)) return;
    throw forbidden(`Only planners of region ${regionCode} may change its pathways`);
  }

  compute(p: Pick<Pathway, 'phase' | 'clockStart' | 'patientAcceptedOn'>, pauses: Pick<PathwayPause, 'fromDate' | 'toDate' | 'reason'>[]): DeadlineResult {
    return computeDeadline({
      phase: p.phase,
      clockStart: p.clockStart,
      patientAcceptedOn: p.patientAcceptedOn ?? undefined,
      pauses: pauses.map((x) => ({ from: x.fromDate, to: x.toDate, reason: x.reason })),
    });
  }

  async register(actor: Actor, input: RegisterPathwayInput): Promise<Pathway> {
    assertNoPersonalData({ reference: input.reference });
    if (actor.role !== Role.SECRETARIAT && actor.role !== Role.PLANNER) throw forbidden('Only planners register pathways');
    const muni = await this.reference.municipality(input.homeMunicipalityCode);
    const regionCode = await this.reference.effectiveRegion(muni.regionCode, input.clockStart);
    await this.assertCanWrite(actor, regionCode);
    if (input.clockStart > this.clock.today()) throw badInput('clockStart', 'clockStart (referral received) cannot be in the future');
    const d = this.compute({ phase: input.phase, clockStart: input.clockStart, patientAcceptedOn: input.patientAcceptedOn ?? null }, []);
    try {
      return await this.db.transaction(async (m) => {
        const p = await m.save(
          Pathway,
          m.create(Pathway, {
            reference: input.reference.trim(),
            regionCode,
            homeMunicipalityCode: muni.code,
            cancerArea: input.cancerArea,
            phase: input.phase,
            modality: input.modality,
            clockStart: input.clockStart,
            patientAcceptedOn: input.patientAcceptedOn ?? null,
            expectedDate: input.expectedDate ?? null,
            treatedOn: null,
            status: PathwayStatus.WAITING,
            ...d,
            createdBy: actor.userId || null,
          }),
        );
        const saved = await m.findOneByOrFail(Pathway, { id: p.id });
        await this.audit.record(m, actor, { action: 'pathway.register', entityType: 'pathway', entityId: p.id, after: saved });
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw badInput('reference', `Reference ${input.reference} is already used in region ${regionCode}`);
      throw err;
    }
  }

  /** Row-locked load for a change; checks write access. */
  async lockForWrite(m: EntityManager, actor: Actor, id: string): Promise<Pathway> {
    const p = await m.findOne(Pathway, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw notFound('Pathway', id);
    await this.assertCanWrite(actor, p.regionCode);
    return p;
  }

  async update(actor: Actor, input: UpdatePathwayInput): Promise<Pathway> {
    return this.db.transaction(async (m) => {
      const before = await this.lockForWrite(m, actor, input.pathwayId);
      const next: Partial<Pathway> = {};
      if (input.expectedDate !== undefined) next.expectedDate = input.expectedDate;
      if (input.patientAcceptedOn !== undefined) {
        if (input.patientAcceptedOn && input.patientAcceptedOn < before.clockStart) {
          throw badInput('patientAcceptedOn', 'patientAcceptedOn is before clockStart');
        }
        next.patientAcceptedOn = input.patientAcceptedOn;
      }
      if (input.status && input.status !== before.status) {
        const refusal = manualStatusChangeRefusal(before.status, input.status);
        if (refusal) throw invalidState(refusal);
        for (const guard of this.statusGuards) await guard(m, before, input.status);
        next.status = input.status;
        if (input.status === PathwayStatus.TREATED) {
          const treatedOn = input.treatedOn ?? null;
          if (!treatedOn) throw badInput('treatedOn', 'treatedOn is required when the status becomes TREATED');
          if (treatedOn < before.clockStart) throw badInput('treatedOn', 'treatedOn is before clockStart');
          next.treatedOn = treatedOn;
        }
        if (input.status === PathwayStatus.SCHEDULED && !(next.expectedDate ?? before.expectedDate)) {
          throw badInput('expectedDate', 'A scheduled pathway needs its expectedDate');
        }
      } else if (input.treatedOn !== undefined) {
        throw badInput('treatedOn', 'treatedOn is set together with status TREATED');
      }
      if (next.patientAcceptedOn !== undefined) {
        const pauses = await m.find(PathwayPause, { where: { pathwayId: before.id } });
        Object.assign(next, this.compute({ ...before, patientAcceptedOn: next.patientAcceptedOn ?? null }, pauses));
      }
      return this.applyChange(m, actor, before, next, 'pathway.update');
    });
  }

  async recordPause(actor: Actor, input: RecordPauseInput): Promise<Pathway> {
    assertNoPersonalData({ note: input.note });
    if (input.to <= input.from) throw badInput('to', 'to must be after from (the pause is [from, to))');
    return this.db.transaction(async (m) => {
      const before = await this.lockForWrite(m, actor, input.pathwayId);
      if (!OPEN_STATUSES.includes(before.status) && before.status !== PathwayStatus.SCHEDULED) {
        throw invalidState(`A ${before.status} pathway cannot be paused`);
      }
      const pauses = await m.find(PathwayPause, { where: { pathwayId: before.id }, order: { fromDate: 'ASC' } });
      const clash = pauses.find((x) => input.from < x.toDate && x.fromDate < input.to);
      if (clash) throw badInput('from', `The pause overlaps the recorded pause ${clash.fromDate}–${clash.toDate}`);
      const pause = await m.save(PathwayPause, m.create(PathwayPause, {
        pathwayId: before.id, fromDate: input.from, toDate: input.to, reason: input.reason, note: input.note ?? null,
      }));
      await this.audit.record(m, actor, { action: 'pathway.pause', entityType: 'pathway', entityId: before.id, after: pause });
      return this.applyChange(m, actor, before, this.compute(before, [...pauses, pause]), 'pathway.deadline');
    });
  }

  /**
   * Status change made by another domain (offers) inside its own transaction: conditional on the current status,
   * audited here. Throws INVALID_STATE when the pathway is not in one of `from`.
   */
  async transition(
    m: EntityManager,
    actor: Actor,
    pathway: string | Pathway,
    from: PathwayStatus[],
    to: PathwayStatus,
    extra: Partial<Pathway> = {},
  ): Promise<Pathway> {
    // A Pathway object must already be row-locked by the caller in this transaction (e.g. via lockForWrite).
    const id = typeof pathway === 'string' ? pathway : pathway.id;
    const before = typeof pathway === 'string' ? await m.findOne(Pathway, { where: { id }, lock: { mode: 'pessimistic_write' } }) : pathway;
    if (!before) throw notFound('Pathway', id);
    if (!from.includes(before.status)) throw invalidState(`Pathway ${id} is ${before.status}, expected ${from.join(' or ')}`);
    return this.applyChange(m, actor, before, { status: to, ...extra }, `pathway.${to.toLowerCase()}`);
  }

  private async applyChange(m: EntityManager, actor: Actor, before: Pathway, next: Partial<Pathway>, action: string): Promise<Pathway> {
    if (Object.keys(next).length === 0) return before;
    await m.update(Pathway, { id: before.id }, next);
    const after = await m.findOneByOrFail(Pathway, { id: before.id });
    await this.audit.record(m, actor, { action, entityType: 'pathway', entityId: before.id, before, after });
    return after;
  }

  async get(actor: Actor, id: string): Promise<Pathway> {
    const p = await this.db.getRepository(Pathway).findOne({ where: { id } });
    if (!p) throw notFound('Pathway', id);
    await this.assertCanRead(actor, p);
    return p;
  }

  byIds(ids: readonly string[]): Promise<Pathway[]> {
    return this.db.getRepository(Pathway).find({ where: { id: In([...ids]) } });
  }

  pausesOf(ids: readonly string[]): Promise<PathwayPause[]> {
    return this.db.getRepository(PathwayPause).find({ where: { pathwayId: In([...ids]) }, order: { fromDate: 'ASC' } });
  }

  /** Most urgent first (deadline, then id), keyset-paginated, within the actor's scope. */
  async list(actor: Actor, f: PathwayFilter, first: number, after?: string): Promise<Connection<Pathway>> {
    const scope = await this.scopeOf(actor);
    const qb = this.db.getRepository(Pathway).createQueryBuilder('p');
    if (f.regionCode !== undefined) {
      const codes = await this.reference.regionCodesFor(f.regionCode);
      if (scope.regionCodes && !codes.some((c) => scope.regionCodes!.includes(c))) {
        throw forbidden(`You may not see pathways of region ${f.regionCode}`);
      }
      qb.andWhere('p.region_code = ANY(:codes)', { codes });
    }
    if (scope.regionCodes) qb.andWhere('p.region_code = ANY(:scopeCodes)', { scopeCodes: scope.regionCodes });
    if (f.cancerArea) {
      if (scope.cancerAreas && !scope.cancerAreas.includes(f.cancerArea)) throw forbidden(`Your collaboration does not cover ${f.cancerArea}`);
      qb.andWhere('p.cancer_area = :area', { area: f.cancerArea });
    }
    if (scope.cancerAreas) qb.andWhere('p.cancer_area = ANY(:scopeAreas)', { scopeAreas: scope.cancerAreas });
    if (f.phase) qb.andWhere('p.phase = :phase', { phase: f.phase });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.atRisk !== undefined) qb.andWhere('p.at_risk = :atRisk', { atRisk: f.atRisk });
    if (f.deadlineBefore) qb.andWhere('p.deadline <= :db', { db: f.deadlineBefore });
    if (f.reference) qb.andWhere('p.reference = :ref', { ref: f.reference });
    if (after) {
      const [d, id] = decodeCursor(after, 2);
      qb.andWhere('(p.deadline, p.id) > (:cd, :cid)', { cd: d, cid: id });
    }
    const rows = await qb.orderBy('p.deadline', 'ASC').addOrderBy('p.id', 'ASC').limit(first + 1).getMany();
    return toConnection(rows, first, (p) => [p.deadline, p.id]);
  }
}

