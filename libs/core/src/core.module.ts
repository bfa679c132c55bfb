import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './clock/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { QueueModule } from './queue/queue.module';

/** Config, clock, logging, database, queues/outbox and audit: what both api and worker stand on. */
@Module({})
export class CoreModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), ClockModule, LoggingModule, DatabaseModule, QueueModule, AuditModule],
      exports: [ConfigModule, ClockModule, QueueModule, AuditModule],
    };
  }
}

/** API-only parts of core: authentication (global guard, login, me). */
@Module({ imports: [AuthModule], exports: [AuthModule] })
export class CoreApiModule {}
