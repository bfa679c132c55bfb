import { JobPayloads, QUEUES, recordHeartbeat } from '@app/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/** `system.heartbeat`: proves the api → outbox → Redis → worker → database path; /health shows the last beat. */
@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async process(job: Job<JobPayloads['system.heartbeat']>): Promise<{ ok: true }> {
    await recordHeartbeat(this.db, job.id, job.data.note ?? null);
    return { ok: true };
  }
}
