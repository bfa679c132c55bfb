import { JobPayloads, QUEUES, SYSTEM_ACTOR } from '@app/core';
import { EarlyWarningService, NotificationService } from '@app/pathways';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

/** `pathways.early-warning`: the daily (06:00 Copenhagen) and on-demand sweep. */
@Processor(QUEUES.pathways)
export class PathwaysProcessor extends WorkerHost {
  constructor(private readonly warnings: EarlyWarningService) {
    super();
  }

  process(job: Job<JobPayloads['pathways.early-warning']>) {
    const d = job.data ?? {};
    // Audited as the system acting for whoever asked (the daily run has no requester).
    const actor = d.requestedBy ? { ...SYSTEM_ACTOR, email: `system (requested by ${d.requestedBy})` } : SYSTEM_ACTOR;
    return this.warnings.sweep(d.asOf, actor, d.regionCodes);
  }
}

/** `notifications.deliver`: drains the notification outbox (log + optional region webhook). */
@Processor(QUEUES.notifications)
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly notifications: NotificationService) {
    super();
  }

  process(_job: Job<JobPayloads['notifications.deliver']>) {
    return this.notifications.deliverPending();
  }
}
