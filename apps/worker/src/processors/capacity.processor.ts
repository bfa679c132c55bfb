import { JobPayloads, QUEUES } from '@app/core';
import { CapacityService } from '@app/capacity';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

/** `capacity.expire-slots` (repeatable, every 5 minutes): FREE slots whose start has passed become EXPIRED. */
@Processor(QUEUES.capacity)
export class CapacityProcessor extends WorkerHost {
  constructor(private readonly capacity: CapacityService) {
    super();
  }

  async process(job: Job<JobPayloads['capacity.expire-slots']>): Promise<{ expired: number }> {
    if (job.name !== 'capacity.expire-slots') throw new Error(`Unknown capacity job ${job.name}`);
    return { expired: await this.capacity.expireSlots() };
  }
}
