import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './outbox.entity';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue.registry';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [QueueRegistry, OutboxService],
  exports: [QueueRegistry, OutboxService],
})
export class QueueModule {}
