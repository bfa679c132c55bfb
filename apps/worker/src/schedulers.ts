import { AppConfig, JobName, JOB_QUEUE, QueueRegistry, recordHeartbeat } from '@app/core';
import { EarlyWarningService } from '@app/pathways';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

interface Schedule {
  name: JobName;
  every?: number;
  pattern?: string;
  /** First run after one interval rather than at once (nothing to do right after a start). */
  notAtStart?: boolean;
}

/** Repeatable maintenance jobs, upserted at start-up (idempotent, so several workers may do it). */
export function schedules(config: Pick<AppConfig, 'workerHeartbeatSeconds'>): Schedule[] {
  return [
    { name: 'system.heartbeat', every: config.workerHeartbeatSeconds * 1000 },
    { name: 'pathways.early-warning', pattern: '0 6 * * *' },
    { name: 'notifications.deliver', every: 30_000 },
    { name: 'offers.expiry-sweep', every: 60_000 },
    { name: 'capacity.expire-slots', every: 5 * 60_000 },
    { name: 'reports.reconcile', every: 60_000, notAtStart: true },
  ];
}

/** How often the worker checks that Redis still has its job schedulers (a FLUSHDB drops them without a reconnect). */
export const SCHEDULE_CHECK_MS = 30_000;

/**
 * Keeps the repeatable jobs registered: at start-up, whenever a queue connection becomes ready again (Redis
 * restarted, network back) and every SCHEDULE_CHECK_MS, re-creating any scheduler Redis has lost.
 */
@Injectable()
export class Schedulers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedulers.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly db: DataSource,
    private readonly warnings: EarlyWarningService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A worker that just started is alive: say so at once instead of after the first scheduled beat.
    await recordHeartbeat(this.db, 'startup', null).catch(() => undefined);
    if (!this.config.schedulers) return;
    // A worker that was down at 06:00 (or a fresh demo) must not leave planners without warnings until tomorrow.
    try {
      await this.warnings.catchUp();
    } catch (err) {
      this.logger.warn(`Early-warning catch-up failed: ${(err as Error).message}`);
    }
    for (const name of new Set(schedules(this.config).map((s) => JOB_QUEUE[s.name]))) {
      // Fires on every (re)connect of the queue's Redis connection, e.g. after a Redis restart.
      this.queues
        .get(name)
        .getBackend()
        .on('ready', () => void this.ensure());
    }
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  /** Re-creates missing schedulers; returns how many were (re)registered. Concurrent calls share one run. */
  ensure(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.register().finally(() => (this.running = null));
    return this.running;
  }

  private async register(): Promise<number> {
    let added = 0;
    for (const s of schedules(this.config)) {
      const queue = this.queues.get(JOB_QUEUE[s.name]);
      try {
        const existing = await queue.getJobScheduler(s.name);
        const same = existing && (s.pattern ? existing.pattern === s.pattern : Number(existing.every) === s.every);
        if (same) continue;
        const repeat = s.pattern
          ? { pattern: s.pattern, tz: 'Europe/Copenhagen' }
          : { every: s.every, ...(s.notAtStart ? { startDate: Date.now() + s.every! } : {}) };
        await queue.upsertJobScheduler(s.name, repeat, { name: s.name, data: {} });
        added++;
      } catch (err) {
        this.logger.warn(`Could not schedule ${s.name} (Redis down?): ${(err as Error).message}`);
      }
    }
    if (added) this.logger.log(`Registered ${added} repeatable job(s)`);
    return added;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
