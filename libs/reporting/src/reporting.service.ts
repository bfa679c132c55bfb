import {
  Actor,
  AuditService,
  Connection,
  invalidState,
  jobIdOf,
  Keyset,
  keysetPage,
  notFound,
  OutboxService,
  Page,
  QueueRegistry,
  QUEUES,
  SYSTEM_ACTOR,
} from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { CompileCapacityReportInput } from './dto/report.inputs';
import { Report, ReportFormat, ReportOutput, ReportStatus } from './report.entities';

/** The `reports` list: newest period first (the whole year before its fourth quarter), newest compile, then id. */
const REPORT_ORDER: Keyset = {
  columns: [
    { sql: 'r.year', kind: 'int' },
    { sql: 'COALESCE(r.quarter, 5)', kind: 'int' },
    { sql: 'r.created_at', kind: 'instant' },
    { sql: 'r.id', kind: 'uuid' },
  ],
  direction: 'DESC',
};

/** API side of the report: request a compile (row + audit + outbox job in one transaction), read jobs and outputs. */
@Injectable()
export class ReportingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueRegistry,
  ) {}

  private readonly logger = new Logger(ReportingService.name);

  /**
   * Reports still QUEUED or RUNNING (stale: older than `graceMs`) whose compile job Redis no longer has (FLUSHDB,
   * a Redis restarted without persistence) are queued again through the outbox with the same job id, which is a no-op for a job
   * Redis still holds. Reports whose job still waits in the outbox are left alone.
   * Returns the ids re-queued.
   */
  async reconcileLostJobs(graceMs = 60_000): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM report WHERE status IN ('QUEUED', 'RUNNING') AND created_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [graceMs],
    );
    if (!rows.length) return [];
    const jobIds = new Map(rows.map((r) => [jobIdOf('reports.compile', r.id), r.id]));
    const pending = await this.outbox.pendingJobIds([...jobIds.keys()]);
    const queue = await this.queues.ready(QUEUES.reports);
    const lost: string[] = [];
    for (const [jobId, reportId] of jobIds) {
      if (pending.has(jobId)) continue;
      // A job Redis still holds (waiting, running, retrying or given up) is BullMQ's to finish or fail.
      if (await queue.getJob(jobId)) continue;
      lost.push(reportId);
    }
    if (!lost.length) return [];
    await this.db.transaction(async (m) => {
      for (const reportId of lost) {
        await this.outbox.enqueue(m, 'reports.compile', { reportId }, { key: reportId });
        await this.audit.record(m, SYSTEM_ACTOR, {
          action: 'report.requeue',
          entityType: 'report',
          entityId: reportId,
          after: { reason: 'compile job missing in Redis' },
        });
      }
    });
    this.logger.warn(`Re-queued ${lost.length} report(s) whose compile job was lost: ${lost.join(', ')}`);
    this.outbox.kick();
    return lost;
  }

  async request(actor: Actor, input: CompileCapacityReportInput): Promise<Report> {
    const report = await this.db.transaction(async (m) => {
      const created = await m.save(
        Report,
        m.create(Report, {
          year: input.year,
          quarter: input.quarter ?? null,
          status: ReportStatus.QUEUED,
          progress: 0,
          runs: 0,
          requestedBy: actor.userId || null,
        }),
      );
      const saved = await m.findOneByOrFail(Report, { id: created.id });
      await this.audit.record(m, actor, {
        action: 'report.compile',
        entityType: 'report',
        entityId: saved.id,
        after: saved,
      });
      await this.outbox.enqueue(m, 'reports.compile', { reportId: saved.id }, { key: saved.id });
      return saved;
    });
    this.outbox.kick();
    return report;
  }

  async get(id: string): Promise<Report> {
    const r = isUUID(id) ? await this.db.getRepository(Report).findOne({ where: { id } }) : null;
    if (!r) throw notFound('Report', id);
    return r;
  }

  /** Finished reports, newest period first. */
  /** Finished reports, optionally of one year, keyset-paged. */
  list(year: number | undefined, page: Page): Promise<Connection<Report>> {
    const qb = this.db
      .getRepository(Report)
      .createQueryBuilder('r')
      .where('r.status = :done', { done: ReportStatus.DONE });
    if (year !== undefined && year !== null) qb.andWhere('r.year = :year', { year });
    return keysetPage(qb, REPORT_ORDER, page);
  }

  /** The stored bytes of a finished report; INVALID_STATE (409) while it is still being compiled. */
  async output(id: string, format: ReportFormat): Promise<{ report: Report; output: ReportOutput }> {
    const r = await this.get(id);
    if (r.status !== ReportStatus.DONE) {
      throw invalidState(
        `Report ${id} is ${r.status}${r.status === ReportStatus.FAILED ? '' : ` (${r.progress} %)`}; it can be downloaded when it is DONE`,
      );
    }
    const out = await this.db.getRepository(ReportOutput).findOne({ where: { reportId: id, format } });
    // The PDF is printed by its own job after the compile; without Chromium the report's note says why (409).
    if (!out && format === 'pdf') {
      throw invalidState(
        r.error
          ? `Report ${id} has no PDF. ${r.error}`
          : `The PDF of report ${id} is being printed; try again in a moment`,
      );
    }
    if (!out) throw notFound('Report output', `${id}.${format}`);
    return { report: r, output: out };
  }
}
