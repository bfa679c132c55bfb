import { JobPayloads, QUEUES } from '@app/core';
import { OffersService } from '@app/offers';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

type OfferJob = Job<JobPayloads['offers.expire'] | JobPayloads['offers.expiry-sweep']>;

/** `offers.expire` (delayed job per offer, id = offer id) and `offers.expiry-sweep` (safety net if Redis lost one). */
@Processor(QUEUES.offers)
export class OffersProcessor extends WorkerHost {
  constructor(private readonly offers: OffersService) {
    super();
  }

  async process(job: OfferJob) {
    if (job.name === 'offers.expire')
      return { expired: await this.offers.expire((job.data as JobPayloads['offers.expire']).offerId) };
    return { expired: await this.offers.expireOverdue() };
  }
}
