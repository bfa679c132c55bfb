import { JobPayloads, QUEUES } from '@app/core';
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
    await this.db.query(
      `INSERT INTO worker_heartbeat (id, last_seen_at, job_id, note) VALUES ('worker', now(), $1, $2)
       ON CONFLICT (id) DO UPDATE SET last_seen_at = now(), job_id = $1, note = $2`,
      [job.id, job.data.note ?? null],
    );
    return { ok: true };
  }
}
