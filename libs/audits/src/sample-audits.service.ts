import {
  Actor,
  assertNoPersonalData,
  AuditService,
  badInput,
  Clock,
  Connection,
  invalidState,
  Keyset,
  keysetPage,
  notFound,
  Page,
  SqlRunner,
} from '@app/core';
import { pathwaysOfferedBy, pathwaysWithDeclinedOffer } from '@app/offers';
import { deadlineMissedPathways, pathwayStrata, PathwayStratum, treatedLatePathways } from '@app/pathways';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CloseSampleAuditInput,
  RecordAuditFindingInput,
  SampleAuditFilter,
  StartSampleAuditInput,
} from './dto/sample-audit.inputs';
import {
  AuditCriterion,
  AuditFinding,
  AuditFindingCounts,
  SampleAudit,
  SampleAuditStatus,
  SampledPathway,
} from './sample-audit.entities';
import { Candidate, drawSample } from './sampling';

/**
 * The criterion's population, each pathway with its stratum: the effective region on the last day of the period, so
 * merged regions form one stratum. Read through the owners' query modules (pathways, offers) on the caller's
 * transaction. The period is `from` to `to` inclusive; `asOf` is the day the audit starts.
 */
export async function auditPopulation(
  m: SqlRunner,
  area: string,
  criterion: AuditCriterion,
  from: string,
  to: string,
  asOf: string,
): Promise<Candidate[]> {
  let rows: PathwayStratum[];
  switch (criterion) {
    case AuditCriterion.TREATED_LATE:
      rows = await treatedLatePathways(m, area, from, to);
      break;
    case AuditCriterion.DECLINED_OFFER:
      rows = await pathwayStrata(m, area, await pathwaysWithDeclinedOffer(m, area, from, to), to);
      break;
    case AuditCriterion.NO_OFFER_BEFORE_DEADLINE: {
      const missed = await deadlineMissedPathways(m, area, from, to, asOf);
      const offered = await pathwaysOfferedBy(
        m,
        missed.map((p) => ({ id: p.id, day: p.deadline })),
      );
      rows = missed.filter((p) => !offered.has(p.id));
      break;
    }
  }
  return rows.map((r) => ({ id: r.id, stratum: r.stratum }));
}

const AUDIT_ORDER: Keyset = {
  columns: [
    { sql: 'a.created_at', kind: 'instant' },
    { sql: 'a.id', kind: 'uuid' },
  ],
  direction: 'DESC',
};

/** Sample audits: start (draw) → record a finding per sampled pathway → close. Secretariat only (resolver). */
@Injectable()
export class SampleAuditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Creates the audit and draws its sample in one transaction, audited. */
  async start(actor: Actor, input: StartSampleAuditInput, asOf = this.clock.today()): Promise<SampleAudit> {
    assertNoPersonalData({ title: input.title });
    // Stored trimmed: a title of only spaces would be an empty, unclickable name in the list and the report.
    if (!input.title.trim()) throw badInput('title', 'The title is empty');
    if (input.to < input.from) throw badInput('to', 'The period ends before it starts');
    const seed = input.seed ?? randomInt(0, 2147483647);
    const perRegion = input.perRegion ?? 3;
    return this.db.transaction(async (m) => {
      const pop = await auditPopulation(m, input.cancerArea, input.criterion, input.from, input.to, asOf);
      if (!pop.length)
        throw badInput(
          'criterion',
          `No ${input.cancerArea} pathway matches ${input.criterion} from ${input.from} to ${input.to}`,
        );
      const { sample, strata } = drawSample(pop, seed, perRegion);
      const audit = m.create(SampleAudit, {
        title: input.title.trim(),
        cancerArea: input.cancerArea,
        criterion: input.criterion,
        periodFrom: input.from,
        periodTo: input.to,
        seed,
        perRegion,
        asOf,
        population: pop.length,
        strata: strata.map((s) => ({ regionCode: s.stratum, population: s.population, sampled: s.sampled })),
        status: SampleAuditStatus.OPEN,
        conclusion: null,
        createdBy: actor.userId || null,
        closedBy: null,
        closedAt: null,
      });
      const saved = await m.save(SampleAudit, audit);
      await m.insert(
        SampledPathway,
        sample.map((d) => ({ auditId: saved.id, pathwayId: d.id, regionCode: d.stratum, drawOrder: d.drawOrder })),
      );
      await this.audit.record(m, actor, {
        action: 'sample_audit.start',
        entityType: 'sample_audit',
        entityId: saved.id,
        after: { ...saved, sample: sample.map((d) => d.id) },
      });
      return saved;
    });
  }

  async recordFinding(actor: Actor, input: RecordAuditFindingInput): Promise<SampledPathway> {
    assertNoPersonalData({ note: input.note });
    if (input.finding !== AuditFinding.MET && !input.note?.trim())
      throw badInput('note', `A finding of ${input.finding} needs a note saying why`);
    return this.db.transaction(async (m) => {
      await this.lockOpen(m, input.auditId);
      const before = await m.findOne(SampledPathway, { where: { auditId: input.auditId, pathwayId: input.pathwayId } });
      if (!before) throw notFound('Sampled pathway', `${input.pathwayId} in audit ${input.auditId}`);
      await m.update(
        SampledPathway,
        { auditId: input.auditId, pathwayId: input.pathwayId },
        {
          finding: input.finding,
          note: input.note?.trim() || null,
          assessedBy: actor.userId || null,
          assessedAt: this.clock.now(),
        },
      );
      const after = await m.findOneByOrFail(SampledPathway, { auditId: input.auditId, pathwayId: input.pathwayId });
      await this.audit.record(m, actor, [
        { action: 'sample_audit.finding', entityType: 'sample_audit', entityId: input.auditId, before, after },
        {
          action: 'pathway.audit_finding',
          entityType: 'pathway',
          entityId: input.pathwayId,
          after: { auditId: input.auditId, finding: after.finding, note: after.note },
        },
      ]);
      return after;
    });
  }

  /** Closing needs a finding for every sampled pathway; the conditional update is the arbiter between two closers. */
  async close(actor: Actor, input: CloseSampleAuditInput): Promise<SampleAudit> {
    assertNoPersonalData({ conclusion: input.conclusion });
    return this.db.transaction(async (m) => {
      const before = await this.lockOpen(m, input.auditId);
      const [{ open }] = await m.query(
        `SELECT count(*)::int AS open FROM sample_audit_pathway WHERE audit_id = $1 AND finding IS NULL`,
        [input.auditId],
      );
      if (open > 0)
        throw invalidState(`${open} sampled pathway(s) have no finding yet; record one for each before closing`);
      await m.update(
        SampleAudit,
        { id: input.auditId, status: SampleAuditStatus.OPEN },
        {
          status: SampleAuditStatus.CLOSED,
          conclusion: input.conclusion?.trim() || null,
          closedBy: actor.userId || null,
          closedAt: this.clock.now(),
        },
      );
      const after = await m.findOneByOrFail(SampleAudit, { id: input.auditId });
      await this.audit.record(m, actor, {
        action: 'sample_audit.close',
        entityType: 'sample_audit',
        entityId: after.id,
        before,
        after,
      });
      return after;
    });
  }

  async get(id: string): Promise<SampleAudit> {
    const a = await this.db.getRepository(SampleAudit).findOne({ where: { id } });
    if (!a) throw notFound('Sample audit', id);
    return a;
  }

  /** Newest first. */
  /** Newest first (then id), paged by the one convention (libs/core pagination). */
  list(f: SampleAuditFilter, page: Page): Promise<Connection<SampleAudit>> {
    const qb = this.db.getRepository(SampleAudit).createQueryBuilder('a');
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.cancerArea) qb.andWhere('a.cancer_area = :area', { area: f.cancerArea });
    return keysetPage(qb, AUDIT_ORDER, page);
  }

  /** Sampled pathways of many audits at once (DataLoader), in draw order. */
  sampleOf(auditIds: readonly string[]): Promise<SampledPathway[]> {
    return this.db
      .getRepository(SampledPathway)
      .find({ where: { auditId: In([...auditIds]) }, order: { auditId: 'ASC', drawOrder: 'ASC' } });
  }

  static countFindings(sample: SampledPathway[]): AuditFindingCounts {
    const n = (f: AuditFinding | null) => sample.filter((s) => s.finding === f).length;
    return {
      met: n(AuditFinding.MET),
      notMet: n(AuditFinding.NOT_MET),
      unclear: n(AuditFinding.UNCLEAR),
      notAssessed: n(null),
    };
  }

  private async lockOpen(m: EntityManager, id: string): Promise<SampleAudit> {
    const a = await m.findOne(SampleAudit, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw notFound('Sample audit', id);
    if (a.status !== SampleAuditStatus.OPEN) throw invalidState(`The sample audit is ${a.status}`);
    return a;
  }
}
