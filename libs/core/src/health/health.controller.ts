import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { QueueRegistry } from '../queue/queue.registry';
import { lastHeartbeat } from './heartbeat';

export const WORKER_MISSED_BEATS_DOWN = 3;

/** Public liveness/readiness: database and Redis reported separately, plus the worker's last heartbeat. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.typeorm.pingCheck('database', { timeout: 2000 }),
      () => this.redis(),
      () => this.worker(),
    ]);
  }

  private async redis() {
    const check = this.indicator.check('redis');
    try {
      const pong = await Promise.race([
        this.queues.ping(),
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 2000)),
      ]);
      return pong === 'PONG' ? check.up() : check.down({ message: String(pong) });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }

  /**
   * The worker is down once it has missed 3 heartbeats: jobs (expiry, sweeps, reports) are then not running. A
   * database that has never seen a worker (fresh install, api-only tests) says so without failing the check.
   */
  private async worker() {
    const check = this.indicator.check('worker');
    let last: Date | null;
    try {
      last = await lastHeartbeat(this.db);
    } catch {
      return check.up({ lastHeartbeat: null });
    }
    const staleAfterMs = WORKER_MISSED_BEATS_DOWN * this.config.workerHeartbeatSeconds * 1000;
    if (last && Date.now() - new Date(last).getTime() > staleAfterMs) {
      return check.down({
        lastHeartbeat: last,
        message: `no heartbeat for more than ${staleAfterMs / 1000} s (${WORKER_MISSED_BEATS_DOWN} missed beats)`,
      });
    }
    return check.up({ lastHeartbeat: last });
  }
}
