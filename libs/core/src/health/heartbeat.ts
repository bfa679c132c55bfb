import { DataSource } from 'typeorm';

/** The worker's liveness mark, written by the `system.heartbeat` job and shown by GET /health. */
export async function recordHeartbeat(db: DataSource, jobId: string | undefined, note: string | null): Promise<void> {
  await db.query(
    `INSERT INTO worker_heartbeat (id, last_seen_at, job_id, note) VALUES ('worker', now(), $1, $2)
     ON CONFLICT (id) DO UPDATE SET last_seen_at = now(), job_id = $1, note = $2`,
    [jobId ?? null, note],
  );
}

export async function lastHeartbeat(db: DataSource): Promise<Date | null> {
  const rows: { last_seen_at: Date | null }[] = await db.query(
    `SELECT max(last_seen_at) AS last_seen_at FROM worker_heartbeat`,
  );
  return rows[0]?.last_seen_at ?? null;
}
