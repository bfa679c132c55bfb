import { AppConfig, JobName, JOB_QUEUE, QueueRegistry } from '@app/core';
import { EarlyWarningService } from '@app/pathways';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

interface Schedule {
  name: JobName;
  every?: number;
  pattern?: string;
}

/** Repeatable maintenance jobs, upserted at start-up (idempotent, so several workers may do it). */
export const SCHEDULES: Schedule[] = [
  { name: 'system.heartbeat', every: 60_000 },
  { name: 'pathways.early-warning', pattern: '0 6 * * *' },
  { name: 'notifications.deliver', every: 30_000 },
  { name: 'offers.expiry-sweep', every: 60_000 },
  { name: 'capacity.expire-slots', every: 5 * 60_000 },
];

@Injectable()
export class Schedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedulers.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly warnings: EarlyWarningService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulers) return;
    // A worker that was down at 06:00 (or a fresh demo) must not leave planners without warnings until tomorrow.
    try {
      await this.warnings.catchUp();
    } catch (err) {
      this.logger.warn(`Early-warning catch-up failed: ${(err as Error).message}`);
    }
    for (const s of SCHEDULES) {
      const repeat = s.pattern ? { pattern: s.pattern, tz: 'Europe/Copenhagen' } : { every: s.every };
      try {
        await this.queues.get(JOB_QUEUE[s.name]).upsertJobScheduler(s.name, repeat, { name: s.name, data: {} });
      } catch (err) {
        this.logger.warn(`Could not schedule ${s.name} (Redis down?): ${(err as Error).message}`);
      }
    }
  }
}
