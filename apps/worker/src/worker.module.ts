import { AppConfig, CoreModule, QUEUES, redisConnectionOptions } from '@app/core';
import { BullModule } from '@nestjs/bullmq';
import { CapacityModule } from '@app/capacity';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OffersModule } from '@app/offers';
import { PathwaysModule } from '@app/pathways';
import { ReportingModule } from '@app/reporting';
import { DrainOnShutdown } from './drain';
import { OutboxRelay } from './outbox-relay';
import { CapacityProcessor } from './processors/capacity.processor';
import { OffersProcessor } from './processors/offers.processor';
import { NotificationsProcessor, PathwaysProcessor } from './processors/pathways.processor';
import { ReportsProcessor } from './processors/reports.processor';
import { SystemProcessor } from './processors/system.processor';
import { Schedulers } from './schedulers';

/** Worker shell: BullMQ processors that call the domain libs; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            prefix: c.queuePrefix,
            connection: { ...redisConnectionOptions(c.redisUrl), maxRetriesPerRequest: null },
          }),
        }),
        BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
        PathwaysModule,
        OffersModule,
        CapacityModule,
        ReportingModule,
      ],
      providers: [
        DrainOnShutdown,
        OutboxRelay,
        Schedulers,
        SystemProcessor,
        PathwaysProcessor,
        NotificationsProcessor,
        OffersProcessor,
        CapacityProcessor,
        ReportsProcessor,
      ],
    };
  }
}
