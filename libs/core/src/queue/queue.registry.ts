import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { QUEUES, QueueName } from './jobs';
import { redisConnectionOptions } from './redis';

/**
 * Producer-side queues. `enableOfflineQueue: false` makes an add fail fast while Redis is down, so the outbox row
 * stays pending instead of a request hanging.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private pingClient: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName | string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      if (!(Object.values(QUEUES) as string[]).includes(name)) throw new Error(`Unknown queue ${name}`);
      q = new Queue(name, {
        prefix: this.config.queuePrefix,
        connection: {
          ...redisConnectionOptions(this.config.redisUrl),
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
        },
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /** A queue whose connection is ready, or an error within `ms` (Redis down): callers keep their outbox row. */
  async ready(name: QueueName | string, ms = 2000): Promise<Queue> {
    const q = this.get(name);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        q.waitUntilReady(),
        new Promise<never>(
          (_, rej) => (timer = setTimeout(() => rej(new Error(`Redis not ready after ${ms} ms`)), ms)),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return q;
  }

  /** Redis round trip for /health (the caller bounds the wait). */
  ping(): Promise<string> {
    if (!this.pingClient) {
      this.pingClient = new Redis({ ...redisConnectionOptions(this.config.redisUrl), maxRetriesPerRequest: 1 });
      this.pingClient.on('error', () => undefined);
    }
    return this.pingClient.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.pingClient?.disconnect();
    this.pingClient = null;
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
  }
}
