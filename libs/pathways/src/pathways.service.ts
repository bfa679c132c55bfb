import {
  Actor,
  assertNoPersonalData,
  AuditService,
  badInput,
  CancerArea,
  CANCER_AREA_DA,
  Clock,
  Connection,
  entityFromJson,
  forbidden,
  invalidState,
  Keyset,
  keysetPage,
  notFound,
  Page,
  Role,
} from '@app/core';
import { addDays, computeDeadline, DeadlineResult, diffDays } from '@app/deadline';
import { ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PathwayFilter, RecordPauseInput, RegisterPathwayInput, UpdatePathwayInput } from './dto/pathway.inputs';
import { PatientWishes, patientWishes, PreferenceFacts, wishesOverrideAudit, WishOverrides } from './exclusions';
import { PatientAnswer } from './patient-answer.entities';
import { OPEN_STATUSES, Pathway, PathwayPause, PathwayStatus } from './pathway.entities';
import { assertPhaseModality } from './phase-modality';
import { manualStatusChangeRefusal } from './pathway-status';

/**
 * A rule a higher lib adds to manual status changes, checked in the same transaction before the change (offers: a
 * pathway scheduled through an accepted offer keeps its booking). Pathways sits below offers, so it never reads the
 * offer table itself; the owner registers the check instead.
 */
export type PathwayStatusGuard = (m: EntityManager, pathway: Pathway, to: PathwayStatus) => Promise<void>;

/** The work list's order: earliest deadline first, then id. */
const PATHWAY_ORDER: Keyset = {
  columns: [
    { sql: 'p.deadline', kind: 'date' },
    { sql: 'p.id', kind: 'uuid' },
  ],
  direction: 'ASC',
};

/** What an actor may see: undefined = no restriction on that dimension. */
export interface PathwayScope {
  regionCodes?: number[];
  cancerAreas?: CancerArea[];
}

/** Plausible date ranges: a typo like 1900-01-01 or 9999-12-31 is refused instead of skewing deadlines and reports. */
export const CLOCK_START_MAX_AGE_DAYS = 2 * 366;
export const EXPECTED_DATE_MAX_AHEAD_DAYS = 2 * 366;
export const MAX_PAUSE_DAYS = 366;

export function assertPlausibleDates(
  input: { clockStart?: string; expectedDate?: string | null },
  today: string,
): void {
  if (input.clockStart !== undefined) {
    if (input.clockStart > today)
      throw badInput('clockStart', 'clockStart (referral received) cannot be in the future');
    if (input.clockStart < addDays(today, -CLOCK_START_MAX_AGE_DAYS)) {
      throw badInput('clockStart', 'clockStart (referral received) must be within the last 2 years');
    }
  }
  if (input.expectedDate) {
    if (input.expectedDate > addDays(today, EXPECTED_DATE_MAX_AHEAD_DAYS))
      throw badInput('expectedDate', 'expectedDate must be within the next 2 years');
    if (input.expectedDate < addDays(today, -CLOCK_START_MAX_AGE_DAYS))
      throw badInput('expectedDate', 'expectedDate must be within the last 2 years');
  }
}

export function assertPlausiblePause(from: string, to: string): void {
  if (to <= from) throw badInput('to', 'to must be after from (the pause is [from, to))');
  if (diffDays(from, to) > MAX_PAUSE_DAYS) throw badInput('to', 'A pause may last at most 1 year');
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
        throw forbidden(
          'Observers see reports and aggregate statistics only, not pathways',
          'Observatører ser rapporter og samlede tal, ikke forløb',
        );
    }
  }

  async assertCanRead(actor: Actor, p: Pathway): Promise<void> {
    const s = await this.scopeOf(actor);
    if (s.regionCodes && !s.regionCodes.includes(p.regionCode)) {
      const [theirs, mine] = [await this.regionName(p.regionCode), await this.regionName(actor.regionCode!)];
      throw forbidden(
        `This pathway belongs to ${theirs}; you plan for ${mine}`,
        `Forløbet hører under ${theirs}; du planlægger for ${mine}`,
      );
    }
    if (s.cancerAreas && !s.cancerAreas.includes(p.cancerArea)) {
      throw forbidden(
        `This pathway is ${p.cancerArea}; your collaboration covers ${s.cancerAreas.join(', ')}`,
        `Forløbet er ${CANCER_AREA_DA[p.cancerArea]}; dit kræftsamarbejde dækker ${s.cancerAreas.map((a) => CANCER_AREA_DA[a]).join(', ')}`,
      );
    }
  }

  /** Only the secretariat or a planner of the pathway's (effective) region changes it. */
  async assertCanWrite(
    actor: Actor,
    regionCode: number,
    what = 'its pathways',
    whatDa = 'regionens forløb',
  ): Promise<void> {
    if (actor.role === Role.SECRETARIAT) return;
    if (actor.role === Role.PLANNER && (await this.reference.regionCodesFor(actor.regionCode!)).includes(regionCode))
      return;
    const theirs = await this.regionName(regionCode);
    if (actor.role !== Role.PLANNER) {
      throw forbidden(
        `Only planners of ${theirs} and the secretariat may change ${what}`,
        `Kun planlæggere i ${theirs} og sekretariatet kan ændre ${whatDa}`,
      );
    }
    const mine = await this.regionName(actor.regionCode!);
    throw forbidden(
      `Only planners of ${theirs} may change ${what}; you plan for ${mine}`,
      `Kun planlæggere i ${theirs} kan ændre ${whatDa}; du planlægger for ${mine}`,
    );
  }

  private async regionName(code: number): Promise<string> {
    return (await this.reference.regionMap()).get(code)?.name ?? `region ${code}`;
  }

  compute(
    p: Pick<Pathway, 'phase' | 'clockStart' | 'patientAcceptedOn'>,
    pauses: Pick<PathwayPause, 'fromDate' | 'toDate' | 'reason'>[],
  ): DeadlineResult {
    return computeDeadline({
      phase: p.phase,
      clockStart: p.clockStart,
      patientAcceptedOn: p.patientAcceptedOn ?? undefined,
      pauses: pauses.map((x) => ({ from: x.fromDate, to: x.toDate, reason: x.reason })),
    });
  }

  async register(actor: Actor, input: RegisterPathwayInput): Promise<Pathway> {
    assertNoPersonalData({ reference: input.reference });
    if (actor.role !== Role.SECRETARIAT && actor.role !== Role.PLANNER)
      throw forbidden('Only planners register pathways', 'Kun planlæggere registrerer forløb');
    const muni = await this.reference.municipality(input.homeMunicipalityCode);
    const regionCode = await this.reference.effectiveRegion(muni.regionCode, input.clockStart);
    if (actor.role === Role.PLANNER && !(await this.reference.regionCodesFor(actor.regionCode!)).includes(regionCode)) {
      const [theirs, mine] = [await this.regionName(regionCode), await this.regionName(actor.regionCode!)];
      throw forbidden(
        `Municipality ${muni.code} (${muni.name}) belongs to ${theirs}; you plan for ${mine}`,
        `Kommune ${muni.code} (${muni.name}) hører under ${theirs}; du planlægger for ${mine}`,
      );
    }
    await this.assertCanWrite(actor, regionCode);
    assertPlausibleDates(input, this.clock.today());
    assertPhaseModality(input.phase, input.modality);
    const d = this.compute(
      { phase: input.phase, clockStart: input.clockStart, patientAcceptedOn: input.patientAcceptedOn ?? null },
      [],
    );
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
            maxTravelKm: input.maxTravelKm ?? null,
            acceptsAbroad: input.acceptsAbroad ?? null,
            acceptsPrivate: input.acceptsPrivate ?? null,
            notBefore: input.notBefore ?? null,
            treatedOn: null,
            status: PathwayStatus.WAITING,
            ...d,
            createdBy: actor.userId || null,
          }),
        );
        const saved = await m.findOneByOrFail(Pathway, { id: p.id });
        await this.audit.record(m, actor, {
          action: 'pathway.register',
          entityType: 'pathway',
          entityId: p.id,
          after: saved,
        });
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw badInput('reference', `Reference ${input.reference} is already used in region ${regionCode}`);
      throw err;
    }
  }

  /**
   * A pathway for an optimistic change, read by the caller's one-statement read as `pathwayJsonSql` (no lock; checks
   * write access): the caller's one write statement then locks the row only if it is still at this `version`
   * (`pathwayLockIfUnchangedSql`), so nothing it read can have changed. The same entity as a load by TypeORM.
   */
  async forWriteFromJson(actor: Actor, id: string, json: Record<string, unknown> | null): Promise<Pathway> {
    if (!json) throw notFound('Pathway', id);
    const p = entityFromJson(this.db, Pathway, json);
    await this.assertCanWrite(actor, p.regionCode);
    return p;
  }

  /** The answers `patientAnswersJsonSql` read, as answersOf() returns them. */
  answersFromJson(json: Record<string, unknown>[]): PatientAnswer[] {
    return json.map((a) => entityFromJson(this.db, PatientAnswer, a));
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
      assertPlausibleDates({ expectedDate: input.expectedDate }, this.clock.today());
      if (input.expectedDate !== undefined) next.expectedDate = input.expectedDate;
      for (const k of ['maxTravelKm', 'acceptsAbroad', 'acceptsPrivate', 'notBefore'] as const) {
        if (input[k] !== undefined && input[k] !== before[k]) (next as Record<string, unknown>)[k] = input[k];
      }
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
    assertPlausiblePause(input.from, input.to);
    return this.db.transaction(async (m) => {
      const before = await this.lockForWrite(m, actor, input.pathwayId);
      if (!OPEN_STATUSES.includes(before.status) && before.status !== PathwayStatus.SCHEDULED) {
        throw invalidState(`A ${before.status} pathway cannot be paused`);
      }
      const pauses = await m.find(PathwayPause, { where: { pathwayId: before.id }, order: { fromDate: 'ASC' } });
      const clash = pauses.find((x) => input.from < x.toDate && x.fromDate < input.to);
      if (clash) throw badInput('from', `The pause overlaps the recorded pause ${clash.fromDate}–${clash.toDate}`);
      const pause = await m.save(
        PathwayPause,
        m.create(PathwayPause, {
          pathwayId: before.id,
          fromDate: input.from,
          toDate: input.to,
          reason: input.reason,
          note: input.note ?? null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'pathway.pause',
        entityType: 'pathway',
        entityId: before.id,
        after: pause,
      });
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
    const before =
      typeof pathway === 'string'
        ? await m.findOne(Pathway, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : pathway;
    if (!before) throw notFound('Pathway', id);
    if (!from.includes(before.status))
      throw invalidState(`Pathway ${id} is ${before.status}, expected ${from.join(' or ')}`);
    return this.applyChange(m, actor, before, { status: to, ...extra }, `pathway.${to.toLowerCase()}`);
  }

  /** Preferences recorded with an answer (e.g. a DISTANCE decline) inside the caller's transaction; `p` row-locked. */
  recordPreferences(m: EntityManager, actor: Actor, p: Pathway, prefs: Partial<PreferenceFacts>): Promise<Pathway> {
    return this.applyChange(m, actor, p, prefs, 'pathway.preferences');
  }

  private async applyChange(
    m: EntityManager,
    actor: Actor,
    before: Pathway,
    next: Partial<Pathway>,
    action: string,
  ): Promise<Pathway> {
    if (Object.keys(next).length === 0) return before;
    await m.update(Pathway, { id: before.id }, next);
    const after = await m.findOneByOrFail(Pathway, { id: before.id });
    await this.audit.record(m, actor, { action, entityType: 'pathway', entityId: before.id, before, after });
    return after;
  }

  /** Answers (accepted and declined offers) of these pathways, oldest first; `m` to read inside a transaction. */
  answersOf(ids: readonly string[], m: EntityManager = this.db.manager): Promise<PatientAnswer[]> {
    // Always one query, also for no ids: callers (the agenda) promise a fixed number of queries whatever the data.
    return m
      .getRepository(PatientAnswer)
      .createQueryBuilder('a')
      .where('a.pathway_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('a.answered_at')
      .getMany();
  }

  /** The patient's wishes per pathway (declines + preferences) with `overrides` applied. */
  async wishesOf(
    pathways: (PreferenceFacts & { id: string })[],
    overrides: WishOverrides = {},
    m?: EntityManager,
  ): Promise<Map<string, PatientWishes>> {
    const answers = await this.answersOf(
      pathways.map((p) => p.id),
      m,
    );
    const byPathway = new Map<string, PatientAnswer[]>();
    for (const a of answers) {
      const mine = byPathway.get(a.pathwayId);
      if (mine) mine.push(a);
      else byPathway.set(a.pathwayId, [a]);
    }
    const out = new Map<string, PatientWishes>();
    for (const p of pathways) out.set(p.id, patientWishes(p, byPathway.get(p.id) ?? [], overrides));
    return out;
  }

  /**
   * Writes one audit row per pathway whose rules an override lifted in this call (matchCandidates, proposeAllocation,
   * meetingAgenda, createOffer), so the evidence shows who searched outside the patient's wishes and why.
   */
  async auditOverrides(
    actor: Actor,
    context: string,
    lifted: { pathwayId: string; wishes: PatientWishes }[],
    m?: EntityManager,
  ): Promise<void> {
    const rows = wishesOverrideAudit(context, lifted);
    if (!rows.length) return;
    const write = (tx: EntityManager) => this.audit.record(tx, actor, rows);
    await (m ? write(m) : this.db.transaction(write));
  }

  /**
   * Empirical acceptance per (distance band, provider kind) over the answers of the last 12 months up to `asOf`.
   * Keys 'band|kind'.
   */
  async acceptanceCounts(asOf = this.clock.now()): Promise<Map<string, { answers: number; accepted: number }>> {
    // Whole Copenhagen days: the 12 months before today plus today (answer_daily, kept by the offer triggers).
    const rows: { band: string; kind: string; answers: number; accepted: number }[] = await this.db.query(
      `SELECT distance_band AS band, provider_kind AS kind, sum(answers)::int AS answers, sum(accepted)::int AS accepted
         FROM answer_daily
        WHERE day > (($1::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date - interval '12 months')::date
          AND day <= ($1::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date
        GROUP BY 1, 2`,
      [asOf],
    );
    return new Map(rows.map((r) => [`${r.band}|${r.kind}`, { answers: r.answers, accepted: r.accepted }]));
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
  async list(actor: Actor, f: PathwayFilter, page: Page): Promise<Connection<Pathway>> {
    const scope = await this.scopeOf(actor);
    const qb = this.db.getRepository(Pathway).createQueryBuilder('p');
    if (f.regionCode !== undefined) {
      const codes = await this.reference.regionCodesFor(f.regionCode);
      if (scope.regionCodes && !codes.some((c) => scope.regionCodes!.includes(c))) {
        const [theirs, mine] = [await this.regionName(f.regionCode), await this.regionName(actor.regionCode!)];
        throw forbidden(
          `You may not see pathways of ${theirs}; you plan for ${mine}`,
          `Du kan ikke se forløb i ${theirs}; du planlægger for ${mine}`,
        );
      }
      qb.andWhere('p.region_code = ANY(:codes)', { codes });
    }
    if (scope.regionCodes) qb.andWhere('p.region_code = ANY(:scopeCodes)', { scopeCodes: scope.regionCodes });
    if (f.cancerArea) {
      if (scope.cancerAreas && !scope.cancerAreas.includes(f.cancerArea)) {
        throw forbidden(
          `Your collaboration does not cover ${f.cancerArea}`,
          `Dit kræftsamarbejde dækker ikke ${CANCER_AREA_DA[f.cancerArea]}`,
        );
      }
      qb.andWhere('p.cancer_area = :area', { area: f.cancerArea });
    }
    if (scope.cancerAreas) qb.andWhere('p.cancer_area = ANY(:scopeAreas)', { scopeAreas: scope.cancerAreas });
    if (f.phase) qb.andWhere('p.phase = :phase', { phase: f.phase });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.atRisk !== undefined) qb.andWhere('p.at_risk = :atRisk', { atRisk: f.atRisk });
    if (f.deadlineBefore) qb.andWhere('p.deadline <= :db', { db: f.deadlineBefore });
    if (f.reference) qb.andWhere('p.reference = :ref', { ref: f.reference });
    return keysetPage(qb, PATHWAY_ORDER, page);
  }
}
