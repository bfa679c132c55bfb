import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';

/**
 * Closes every BullMQ worker before the application-shutdown phase, so active jobs finish while the database pool is
 * still open (TypeORM and @nestjs/bullmq both close in onApplicationShutdown, in no guaranteed order).
 */
@Injectable()
export class DrainOnShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
    await Promise.all(
      hosts.map(async (h) => {
        try {
          await h.worker?.close();
        } catch (err) {
          this.logger.warn(`closing a worker failed: ${(err as Error).message}`);
        }
      }),
    );
  }
}
