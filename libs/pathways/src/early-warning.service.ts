import { todayInCopenhagen } from '@app/deadline';
import {
  Actor,
  AppConfig,
  AuditService,
  auditInsertSql,
  badInput,
  Clock,
  Connection,
  forbidden,
  jobIdOf,
  Keyset,
  keysetPage,
  OutboxService,
  Page,
  queryOne,
  Role,
  SYSTEM_ACTOR,
} from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { warningHorizon } from './deadline-info';
import { WarningFilter, WarningOrder } from './dto/pathway.inputs';
import { EarlyWarning } from './pathway.entities';
import { PathwaysService } from './pathways.service';
import { ReferenceService } from '@app/reference';

/** The catch-up rule: no full sweep yet, or the last one before the latest scheduled 06:00. */
export const catchUpDue = (last: Date | null, due: Date): boolean => !last || last.getTime() < due.getTime();

const byId = { sql: 'w.id', kind: 'uuid' } as const;
/** The orders of the `warnings` list, each ending with the id. */
const WARNING_ORDERS: Record<WarningOrder, Keyset> = {
  [WarningOrder.DEADLINE_ASC]: { columns: [{ sql: 'w.deadline', kind: 'date' }, byId], direction: 'ASC' },
  [WarningOrder.DEADLINE_DESC]: { columns: [{ sql: 'w.deadline', kind: 'date' }, byId], direction: 'DESC' },
  [WarningOrder.RAISED_DESC]: { columns: [{ sql: 'w.raised_on', kind: 'date' }, byId], direction: 'DESC' },
};

export interface SweepResult {
  asOf: string;
  horizon: string;
  raised: number;
}

/**
 * Early-warning sweep: open pathways whose deadline is within N working days (libs/deadline calendar) and that have
 * no expected date in time get one warning per (pathway, deadline), set-based in SQL so 50k pathways cost one
 * statement and flat memory. Notifications are written to the `notification` outbox in the same statement.
 */
@Injectable()
export class EarlyWarningService {
  private readonly logger = new Logger(EarlyWarningService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly pathways: PathwaysService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `regionCodes` limits the sweep (a planner's on-demand run covers only their own region). */
  async sweep(
    asOf: string = this.clock.today(),
    actor: Actor = SYSTEM_ACTOR,
    regionCodes?: number[],
  ): Promise<SweepResult> {
    const horizon = warningHorizon(asOf, this.config.earlyWarningWorkingDays);
    const raised = await this.db.transaction(async (m) => {
      const rows: { n: number }[] = await m.query(
        `WITH w AS (
           INSERT INTO early_warning (pathway_id, region_code, cancer_area, deadline, raised_on)
           -- at_risk (the generated column) is the rule; the status test only lets the open-pathway index serve.
           SELECT p.id, p.region_code, p.cancer_area, p.deadline, $1::date
             FROM pathway p
            WHERE p.status IN ('WAITING','OFFERED') AND p.deadline <= $2::date AND p.at_risk
              AND ($5::int[] IS NULL OR p.region_code = ANY($5::int[]))
           ON CONFLICT ON CONSTRAINT early_warning_once DO NOTHING
           RETURNING id, pathway_id, region_code, cancer_area, deadline
         ), n AS (
           INSERT INTO notification (region_code, kind, subject_id, payload)
           SELECT w.region_code, 'EARLY_WARNING', w.id,
                  jsonb_build_object('pathwayId', w.pathway_id, 'cancerArea', w.cancer_area, 'deadline', w.deadline, 'raisedOn', $1::date)
             FROM w
         ), a AS (
           ${auditInsertSql(`SELECT $3::uuid, $4, 'pathway.early-warning', 'pathway', w.pathway_id::text, NULL::jsonb,
                  jsonb_build_object('warningId', w.id, 'deadline', w.deadline, 'raisedOn', $1::date)
             FROM w`)}
         )
         SELECT count(*)::int AS n FROM w`,
        [asOf, horizon, actor.userId || null, actor.email, regionCodes ?? null],
      );
      const n = rows[0].n;
      // The run itself is recorded too: the worker's catch-up at start looks for the last full run.
      await this.audit.record(m, actor, {
        action: 'pathway.early-warning-run',
        entityType: regionCodes ? 'early-warning-run-partial' : 'early-warning-run',
        entityId: asOf,
        after: { asOf, horizon, raised: n, regionCodes: regionCodes ?? null },
      });
      if (n > 0) await this.outbox.enqueue(m, 'notifications.deliver', {}, { key: `ew-${asOf}-${Date.now()}` });
      return n;
    });
    if (raised > 0) this.outbox.kick();
    this.logger.log(`Early warning as of ${asOf} (deadline ≤ ${horizon}): ${raised} new warnings`);
    return { asOf, horizon, raised };
  }

  /**
   * The worker's catch-up at start: when the last full sweep is older than the latest 06:00 Europe/Copenhagen (the
   * daily schedule), e.g. a fresh demo or a worker that was down at 06:00, sweep now. Returns whether it swept.
   */
  async catchUp(now = this.clock.now()): Promise<boolean> {
    const [last, { due }] = await Promise.all([
      this.audit.lastRecordedAt('early-warning-run'),
      queryOne<{ due: Date }>(
        this.db,
        `WITH t AS (SELECT ($1::timestamptz AT TIME ZONE 'Europe/Copenhagen') AS local)
         SELECT CASE WHEN t.local >= t.local::date + time '06:00' THEN (t.local::date + time '06:00') AT TIME ZONE 'Europe/Copenhagen'
                     ELSE (t.local::date - 1 + time '06:00') AT TIME ZONE 'Europe/Copenhagen' END AS due
           FROM t`,
        [now],
      ),
    ]);
    const row = { last, due };
    if (!catchUpDue(row.last, row.due)) return false;
    this.logger.log(
      `Last early-warning sweep ${row.last?.toISOString() ?? 'never'} is older than ${row.due.toISOString()}: catching up`,
    );
    await this.sweep(todayInCopenhagen(now), { ...SYSTEM_ACTOR, email: 'system (catch-up at worker start)' });
    return true;
  }

  /**
   * Enqueue a sweep for the worker (on demand from the API). A planner sweeps their own region as of today; only the
   * secretariat may choose another (past) date, since warnings are raised once per deadline and feed the report.
   */
  async requestSweep(actor: Actor, asOf?: string): Promise<string> {
    if (asOf && actor.role !== Role.SECRETARIAT)
      throw forbidden(
        'Only the secretariat may run the sweep for another date',
        'Kun sekretariatet kan køre varslingen for en anden dato',
      );
    if (asOf && asOf > this.clock.today()) throw badInput('asOf', 'The sweep cannot run as of a future date');
    const scope = await this.pathways.scopeOf(actor);
    const key = `${asOf ?? 'today'}-${Date.now()}`;
    await this.db.transaction((m) =>
      this.outbox.enqueue(
        m,
        'pathways.early-warning',
        { asOf, requestedBy: actor.email, regionCodes: scope.regionCodes },
        { key },
      ),
    );
    this.outbox.kick();
    return jobIdOf('pathways.early-warning', key);
  }

  /** Keyset-paged on (deadline, id) ascending (default) or descending, or (raisedOn, id) newest first. */
  async page(
    actor: Actor,
    f: WarningFilter,
    page: Page,
    order: WarningOrder = WarningOrder.DEADLINE_ASC,
  ): Promise<Connection<EarlyWarning>> {
    return keysetPage(await this.filtered(actor, f), WARNING_ORDERS[order], page);
  }

  private async filtered(actor: Actor, f: WarningFilter) {
    const scope = await this.pathways.scopeOf(actor);
    const qb = this.db.getRepository(EarlyWarning).createQueryBuilder('w');
    if (scope.regionCodes) qb.andWhere('w.region_code = ANY(:rc)', { rc: scope.regionCodes });
    if (scope.cancerAreas) qb.andWhere('w.cancer_area = ANY(:ca)', { ca: scope.cancerAreas });
    if (f.regionCode !== undefined)
      qb.andWhere('w.region_code = ANY(:frc)', { frc: await this.reference.regionCodesFor(f.regionCode) });
    if (f.cancerArea) qb.andWhere('w.cancer_area = :area', { area: f.cancerArea });
    if (f.since) qb.andWhere('w.raised_on >= :since', { since: f.since });
    if (f.pathwayId) qb.andWhere('w.pathway_id = :pid', { pid: f.pathwayId });
    return qb;
  }

  byPathwayIds(ids: readonly string[]): Promise<EarlyWarning[]> {
    return this.db
      .getRepository(EarlyWarning)
      .createQueryBuilder('w')
      .where('w.pathway_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('w.created_at')
      .getMany();
  }
}
