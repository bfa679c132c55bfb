import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { QueueRegistry } from '../queue/queue.registry';
import { lastHeartbeat } from './heartbeat';

/** Public liveness/readiness: database and Redis reported separately, plus the worker's last heartbeat. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly db: DataSource,
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

  /** Informational: a stopped worker delays jobs but the API still serves, so it is never "down" here. */
  private async worker() {
    const check = this.indicator.check('worker');
    try {
      return check.up({ lastHeartbeat: await lastHeartbeat(this.db) });
    } catch {
      return check.up({ lastHeartbeat: null });
    }
  }
}
