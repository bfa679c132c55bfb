/**
 * Queue names and typed job payloads shared by api (producer) and worker (consumer).
 * Payloads carry IDs, never entities, so a job means the same after a restart.
 */
export const QUEUES = {
  system: 'system',
  capacity: 'capacity',
  pathways: 'pathways',
  offers: 'offers',
  reports: 'reports',
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'system.heartbeat': { requestedAt: string; note?: string };
  'capacity.expire-slots': Record<string, never>;
  'pathways.early-warning': { asOf?: string; requestedBy?: string; regionCodes?: number[] };
  'offers.expire': { offerId: string };
  'offers.expiry-sweep': Record<string, never>;
  'reports.compile': { reportId: string };
  'reports.reconcile': Record<string, never>;
  /** Print the PDF of a DONE report from its stored JSON (after the compile, so Chromium never delays the report). */
  'reports.pdf': { reportId: string };
  'notifications.deliver': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'system.heartbeat': QUEUES.system,
  'capacity.expire-slots': QUEUES.capacity,
  'pathways.early-warning': QUEUES.pathways,
  'offers.expire': QUEUES.offers,
  'offers.expiry-sweep': QUEUES.offers,
  'reports.compile': QUEUES.reports,
  // On the system queue: the reports queue runs one long compile at a time, the reconcile must not wait behind it.
  'reports.reconcile': QUEUES.system,
  'reports.pdf': QUEUES.reports,
  'notifications.deliver': QUEUES.notifications,
};

/** BullMQ job ids may not contain ':'; keep them readable and stable for idempotency. */
export const jobIdOf = (name: JobName, key: string) => `${name}__${key}`.replace(/:/g, '_');
