import { jobIdOf, JOB_QUEUE, OutboxMessage } from '@app/core';
import { todayInCopenhagen } from '@app/deadline';
import { EntityManager } from 'typeorm';

/** Issue 16: loading the demo queues an early-warning sweep, so a fresh demo shows warnings right after start. */
export async function enqueueDemoSweep(m: EntityManager): Promise<void> {
  const key = `demo-${todayInCopenhagen()}-${Date.now()}`;
  await m.insert(OutboxMessage, {
    queue: JOB_QUEUE['pathways.early-warning'],
    jobName: 'pathways.early-warning',
    payload: { requestedBy: 'demo seed' } as never,
    jobId: jobIdOf('pathways.early-warning', key),
    runAt: null,
  });
}
