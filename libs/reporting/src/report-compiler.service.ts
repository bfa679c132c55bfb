import { AppConfig, AuditService, notFound, OutboxService, returning, SYSTEM_ACTOR } from '@app/core';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadAudits } from './figures/audits';
import { loadDimensions } from './figures/dimensions';
import { FigureRow, querySection } from './figures/query';
import { SECTIONS } from './figures/registry';
import { assembleReport, ReportData } from './model';
import { periodOf, ReportPeriod } from './period';
import { renderReport } from './render';
import { ChromiumMissingError, RenderedPdf, renderPdf } from './render/pdf';
import { REPORT_FORMATS } from './report.entities';

/** One step per figure group plus rendering, so progress moves at least every 100 / STEPS (< 10) percent. */
export const COMPILE_STEPS = SECTIONS.length + 1;

/** The attempt lost ownership of the report (its lock expired and another worker took over): it must not write. */
export class SupersededRunError extends Error {
  constructor(reportId: string) {
    super(`Report ${reportId} is compiled by a newer attempt; this attempt stops`);
    this.name = 'SupersededRunError';
  }
}

export interface PdfResult {
  status: 'DONE' | 'SKIPPED' | 'NO_CHROMIUM';
  pages?: number;
  note?: string;
}

export interface CompileResult {
  status: 'DONE' | 'SKIPPED';
  sha256?: string;
}

/** A figure group of a run is compiled: its position (1-based, of SECTIONS), its key and how long its SQL took. */
export interface SectionCompiled {
  step: number;
  section: string;
  ms: number;
}
export type SectionListener = (e: SectionCompiled) => void | Promise<void>;

/**
 * Worker side of the report: claims the row with a fresh run id (fencing token), aggregates every section in SQL
 * inside one read-only REPEATABLE READ snapshot, renders, and stores the outputs with status DONE. A retried or
 * resumed job starts over and, the data being the same, produces the same bytes.
 */
@Injectable()
export class ReportCompiler {
  private readonly logger = new Logger(ReportCompiler.name);
  private readonly sectionListeners = new Set<SectionListener>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    // Explicit tokens: a `T | null` parameter type has no runtime metadata to inject by.
    @Optional() @Inject(AppConfig) private readonly config: AppConfig | null = null,
    @Optional() @Inject(OutboxService) private readonly outbox: OutboxService | null = null,
  ) {}

  /**
   * Prints the PDF of a DONE report from its stored JSON (the same data → the same HTML as the stored one) and stores
   * it with the other outputs. Without Chromium it stores nothing and notes why on the report (`error`), which the
   * download repeats. A report recompiled meanwhile (other sha256) is left to its own job.
   */
  async printPdf(reportId: string): Promise<PdfResult> {
    const rows: { status: string; sha256: string | null; content: string | null }[] = await this.db.query(
      `SELECT r.status, r.sha256, o.content FROM report r LEFT JOIN report_output o ON o.report_id = r.id AND o.format = 'json' WHERE r.id = $1`,
      [reportId],
    );
    if (!rows.length) throw notFound('Report', reportId);
    const { status, sha256, content } = rows[0];
    if (status !== 'DONE' || !sha256 || !content) return { status: 'SKIPPED' };
    let pdf: RenderedPdf;
    try {
      pdf = await renderPdf(
        JSON.parse(content) as ReportData,
        sha256,
        this.config?.chromiumPath ?? '/usr/bin/chromium',
      );
    } catch (err) {
      if (!(err instanceof ChromiumMissingError)) throw err;
      this.logger.warn(err.message);
      await this.db.query(`UPDATE report SET error = $3 WHERE id = $1 AND sha256 = $2 AND status = 'DONE'`, [
        reportId,
        sha256,
        err.message,
      ]);
      return { status: 'NO_CHROMIUM', note: err.message };
    }
    const started = Date.now();
    await this.db.transaction(async (m) => {
      const [still] = await m.query(
        `SELECT 1 FROM report WHERE id = $1 AND sha256 = $2 AND status = 'DONE' FOR UPDATE`,
        [reportId, sha256],
      );
      if (!still) return;
      const pdfSha = createHash('sha256').update(pdf.bytes).digest('hex');
      await m.query(
        `INSERT INTO report_output (report_id, format, data, sha256, bytes) VALUES ($1, 'pdf', $2, $3, $4)
         ON CONFLICT (report_id, format) DO UPDATE SET data = EXCLUDED.data, content = NULL, sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes`,
        [reportId, pdf.bytes, pdfSha, pdf.bytes.length],
      );
      await m.query(`UPDATE report SET error = NULL WHERE id = $1`, [reportId]);
      await this.audit.record(m, SYSTEM_ACTOR, {
        action: 'report.pdf',
        entityType: 'report',
        entityId: reportId,
        after: { sha256: pdfSha, pages: pdf.pages },
      });
    });
    this.logger.log(`Report ${reportId}: PDF of ${pdf.pages} pages stored in ${Date.now() - started} ms`);
    return { status: 'DONE', pages: pdf.pages };
  }

  async run(reportId: string, opts: { finalAttempt?: boolean } = {}): Promise<CompileResult> {
    const claimed = await returning<{ run_id: string; year: number; quarter: number | null }>(
      this.db.manager,
      `UPDATE report SET status = 'RUNNING', run_id = gen_random_uuid(), runs = runs + 1, progress = 0, error = NULL, started_at = now()
        WHERE id = $1 AND status IN ('QUEUED','RUNNING') RETURNING run_id, year, quarter`,
      [reportId],
    );
    if (!claimed.length) {
      const rows: { status: string }[] = await this.db.query(`SELECT status FROM report WHERE id = $1`, [reportId]);
      if (!rows.length) throw notFound('Report', reportId);
      return { status: 'SKIPPED' };
    }
    const { run_id: runId, year, quarter } = claimed[0];
    const started = Date.now();
    try {
      const data = await this.collect(periodOf(year, quarter), (step) => this.progress(reportId, runId, step));
      const outputs = await renderReport(data);
      await this.db.transaction(async (m) => {
        await this.own(m, reportId, runId, `status = 'DONE', progress = 100, sha256 = $3, finished_at = now()`, [
          outputs.json.sha256,
        ]);
        for (const format of REPORT_FORMATS) {
          const o = outputs[format];
          await m.query(
            `INSERT INTO report_output (report_id, format, content, sha256, bytes) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (report_id, format) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes`,
            [reportId, format, o.content, o.sha256, o.bytes],
          );
        }
        // The PDF of earlier bytes is stale; the board's PDF is printed by its own job once this commits.
        await m.query(`DELETE FROM report_output WHERE report_id = $1 AND format = 'pdf'`, [reportId]);
        await this.outbox?.enqueue(m, 'reports.pdf', { reportId }, { key: `${reportId}-${runId}` });
        await this.audit.record(m, SYSTEM_ACTOR, {
          action: 'report.done',
          entityType: 'report',
          entityId: reportId,
          after: { sha256: outputs.json.sha256, year, quarter },
        });
      });
      this.outbox?.kick();
      this.logger.log(
        `Report ${reportId} (${year}${quarter ? ` Q${quarter}` : ''}) compiled in ${Date.now() - started} ms, sha256 ${outputs.json.sha256}`,
      );
      return { status: 'DONE', sha256: outputs.json.sha256 };
    } catch (err) {
      await this.fail(reportId, runId, err as Error, opts.finalAttempt ?? false);
      throw err;
    }
  }

  /** Every section's figures from one consistent snapshot; `onStep(n)` after the n-th section. */
  async collect(
    period: ReportPeriod,
    onStep: (step: number) => Promise<void> = async () => undefined,
  ): Promise<ReportData> {
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('SET TRANSACTION READ ONLY');
      // Sorts for the percentiles and the grouping-set hashes stay in PostgreSQL's memory, not in this process.
      await qr.query(`SET LOCAL work_mem = '64MB'`);
      const dimensions = await loadDimensions(qr);
      const rows: FigureRow[] = [];
      for (const [i, section] of SECTIONS.entries()) {
        const started = performance.now();
        rows.push(...(await querySection(qr, section, period)));
        const compiled = { step: i + 1, section: section.key, ms: performance.now() - started };
        this.logger.debug(`Figure group ${compiled.step} (${compiled.section}) in ${Math.round(compiled.ms)} ms`);
        await onStep(i + 1);
        for (const listener of this.sectionListeners) await listener(compiled);
      }
      const audits = await loadAudits(qr, period);
      await qr.commitTransaction();
      return assembleReport(period, dimensions, rows, audits);
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  /**
   * Calls `listener` after each figure group of every run, awaited before the next group starts (after the progress
   * update): per-group timings, and a point where an operator's tooling or a test can observe or hold a run. Returns
   * the function that removes it.
   */
  onSectionCompiled(listener: SectionListener): () => void {
    this.sectionListeners.add(listener);
    return () => this.sectionListeners.delete(listener);
  }

  private async progress(reportId: string, runId: string, step: number): Promise<void> {
    await this.own(this.db.manager, reportId, runId, 'progress = $3', [Math.floor((step * 100) / COMPILE_STEPS)]);
  }

  /** Updates the row only while this attempt owns it; otherwise a newer attempt has taken over. */
  private async own(m: EntityManager, reportId: string, runId: string, set: string, params: unknown[]): Promise<void> {
    const rows = await returning(
      m,
      `UPDATE report SET ${set} WHERE id = $1 AND run_id = $2 AND status = 'RUNNING' RETURNING id`,
      [reportId, runId, ...params],
    );
    if (!rows.length) throw new SupersededRunError(reportId);
  }

  /** Back to QUEUED for BullMQ's retry, or FAILED after the last attempt; a superseded attempt changes nothing. */
  private async fail(reportId: string, runId: string, err: Error, final: boolean): Promise<void> {
    if (err instanceof SupersededRunError) return;
    const message = String(err.message).slice(0, 1000);
    try {
      await this.db.transaction(async (m) => {
        await this.own(
          m,
          reportId,
          runId,
          `status = $3, error = $4, progress = 0, finished_at = CASE WHEN $3 = 'FAILED' THEN now() END`,
          [final ? 'FAILED' : 'QUEUED', message],
        );
        if (final)
          await this.audit.record(m, SYSTEM_ACTOR, {
            action: 'report.failed',
            entityType: 'report',
            entityId: reportId,
            after: { error: message },
          });
      });
    } catch (e) {
      this.logger.warn(`Could not record the failure of report ${reportId}: ${(e as Error).message}`);
    }
  }
}
