import { JobPayloads, QUEUES, recordHeartbeat } from '@app/core';
import { ReportingService } from '@app/reporting';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * `system.heartbeat`: proves the api → outbox → Redis → worker → database path; /health shows the last beat.
 * `reports.reconcile`: re-queues reports whose compile job Redis lost (on this queue so no compile delays it).
 */
@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportingService,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['system.heartbeat'] | JobPayloads['reports.reconcile']>): Promise<unknown> {
    if (job.name === 'reports.reconcile') return { requeued: await this.reports.reconcileLostJobs() };
    await recordHeartbeat(this.db, job.id, (job.data as JobPayloads['system.heartbeat']).note ?? null);
    return { ok: true };
  }
}
