import { JobPayloads, QUEUES } from '@app/core';
import { CompileResult, PdfResult, ReportCompiler } from '@app/reporting';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

/**
 * `reports.compile` (id = report id): compiles the annual capacity status report. Failures retry with the outbox's
 * backoff (5 attempts); a killed worker's job is found stalled and restarted from the beginning, which gives the
 * same bytes. Stalled checks every 5 s (default 30 s) so a report resumes soon after its 30 s lock expires.
 */
@Processor(QUEUES.reports, { stalledInterval: 5000 })
export class ReportsProcessor extends WorkerHost {
  constructor(private readonly compiler: ReportCompiler) {
    super();
  }

  process(job: Job<JobPayloads['reports.compile'] | JobPayloads['reports.pdf']>): Promise<CompileResult | PdfResult> {
    if (job.name === 'reports.pdf') return this.compiler.printPdf(job.data.reportId);
    if (job.name !== 'reports.compile') throw new Error(`Unknown reports job ${job.name}`);
    return this.compiler.run(job.data.reportId, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}
