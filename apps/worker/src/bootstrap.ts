import { AppConfig } from '@app/core';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker as an application context (no HTTP); shared by main.ts and the e2e tests. */
export async function createWorker(config?: AppConfig): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  ctx.useLogger(ctx.get(Logger));
  return ctx;
}
