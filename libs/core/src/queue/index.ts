export * from './jobs';
export * from './outbox.entity';
export * from './outbox.service';
export * from './queue.module';
export * from './queue.registry';
export * from './redis';
