import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads, jobIdOf } from './jobs';
import { OutboxMessage } from './outbox.entity';
import { QueueRegistry } from './queue.registry';
import { Clock } from '../clock/clock';

export interface EnqueueOptions {
  /** Stable key that makes the job idempotent (same key → same BullMQ job id). */
  key: string;
  runAt?: Date;
}

/**
 * Transactional outbox: `enqueue` writes the job in the caller's transaction; `dispatchPending` moves it to Redis.
 * A Redis outage therefore delays jobs but never loses them.
 */
/** The row enqueue() inserts, as one JSON parameter for outboxInsertFromJson() (hot paths, one round trip). */
export function outboxRowJson<N extends JobName>(name: N, payload: JobPayloads[N], opts: EnqueueOptions): string {
  return JSON.stringify({
    queue: JOB_QUEUE[name],
    job_name: name,
    payload,
    job_id: jobIdOf(name, opts.key),
    run_at: opts.runAt ?? null,
  });
}

/** INSERT of the row outboxRowJson() produced, passed as `param` (e.g. '$6'); usable as a CTE. */
export const outboxInsertFromJson = (param: string): string =>
  `INSERT INTO outbox (queue, job_name, payload, job_id, run_at)
   SELECT r.queue, r.job_name, r.payload, r.job_id, r.run_at
     FROM jsonb_to_record(${param}::jsonb) AS r(queue text, job_name text, payload jsonb, job_id text, run_at timestamptz)`;

/** How long a kick waits for more commits to join its relay run. */
const KICK_DELAY_MS = 50;

@Injectable()
export class OutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private dispatching: Promise<number> | null = null;
  private closed = false;
  private kickedWhileRunning = false;
  private kickTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
  ) {}

  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    opts: EnqueueOptions,
  ): Promise<void> {
    await manager.insert(OutboxMessage, {
      queue: JOB_QUEUE[name],
      jobName: name,
      payload: payload as never,
      jobId: jobIdOf(name, opts.key),
      runAt: opts.runAt ?? null,
    });
  }

  /**
   * Best-effort dispatch soon after a commit; the periodic relay catches whatever this misses. Kicks within
   * KICK_DELAY_MS share one run, so 50 planners making offers at once cost a few relay transactions a second, not one
   * (and a Redis round trip) per offer. A kick during a run may come from a commit the run's read did not see: it
   * schedules one more run.
   */
  kick(): void {
    if (this.closed || this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      if (this.closed) return;
      if (this.dispatching) {
        this.kickedWhileRunning = true;
        return;
      }
      void this.dispatchPending().catch((err) =>
        this.logger.warn(`outbox dispatch deferred: ${(err as Error).message}`),
      );
    }, KICK_DELAY_MS);
    this.kickTimer.unref();
  }

  /** Dispatch pending rows; concurrent callers share one run. Returns the number dispatched. */
  dispatchPending(batch = 200): Promise<number> {
    if (!this.dispatching) {
      this.dispatching = this.runDispatch(batch).finally(() => {
        this.dispatching = null;
        if (this.kickedWhileRunning) {
          this.kickedWhileRunning = false;
          this.kick();
        }
      });
    }
    return this.dispatching;
  }

  /**
   * Moves up to `batch` rows at a time to Redis: one addBulk per queue (one round trip, however many offers were made
   * meanwhile) and one UPDATE for the rows it took, in the transaction that locked them. Rows of a queue whose addBulk
   * failed keep waiting, with the error recorded; a job already in Redis (same job id) is not added twice.
   */
  private async runDispatch(batch: number): Promise<number> {
    let total = 0;
    for (;;) {
      let failed: Error | null = null;
      const [taken, sent] = await this.db.transaction(async (m): Promise<[number, number]> => {
        const rows: OutboxMessage[] = await m
          .createQueryBuilder(OutboxMessage, 'o')
          .where('o.dispatched_at IS NULL')
          .orderBy('o.id')
          .limit(batch)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const byQueue = new Map<string, OutboxMessage[]>();
        for (const row of rows) {
          const group = byQueue.get(row.queue);
          if (group) group.push(row);
          else byQueue.set(row.queue, [row]);
        }
        const done: string[] = [];
        for (const [queue, group] of byQueue) {
          const now = this.clock.now().getTime();
          try {
            await (
              await this.queues.ready(queue)
            ).addBulk(
              group.map((row) => ({
                name: row.jobName,
                data: row.payload,
                opts: {
                  jobId: row.jobId,
                  delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : 0,
                  attempts: 5,
                  backoff: { type: 'exponential', delay: 1000 },
                  removeOnComplete: { age: 7 * 24 * 3600 },
                  removeOnFail: { age: 30 * 24 * 3600 },
                },
              })),
            );
            done.push(...group.map((row) => row.id));
          } catch (err) {
            // Keep what was dispatched, record why these rows were not, and leave them for the next run.
            await m.update(
              OutboxMessage,
              { id: In(group.map((row) => row.id)) },
              { attempts: () => 'attempts + 1', lastError: String((err as Error).message).slice(0, 500) },
            );
            failed = err as Error;
          }
        }
        if (done.length) {
          await m.update(
            OutboxMessage,
            { id: In(done) },
            { dispatchedAt: this.clock.now(), attempts: () => 'attempts + 1' },
          );
        }
        return [rows.length, done.length];
      });
      total += sent;
      // (TypeScript narrows `failed` to null: it cannot see the assignment inside the transaction callback.)
      const error = failed as Error | null;
      if (error) throw error;
      if (taken < batch) return total;
    }
  }

  /** Which of these BullMQ job ids still wait in the outbox (not yet handed to Redis). */
  async pendingJobIds(jobIds: string[]): Promise<Set<string>> {
    if (!jobIds.length) return new Set();
    const rows: { job_id: string }[] = await this.db.query(
      `SELECT DISTINCT job_id FROM outbox WHERE dispatched_at IS NULL AND job_id = ANY($1::text[])`,
      [jobIds],
    );
    return new Set(rows.map((r) => r.job_id));
  }

  /** Rows not yet handed to Redis (e.g. while Redis is down). */
  async pendingCount(): Promise<number> {
    return this.db.getRepository(OutboxMessage).count({ where: { dispatchedAt: IsNull() } });
  }

  onApplicationShutdown(): void {
    this.closed = true;
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.kickTimer = null;
  }
}
