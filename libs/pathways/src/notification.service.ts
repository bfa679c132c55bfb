import { returning } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

interface PendingNotification {
  id: string;
  region_code: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string | null;
}

const MAX_ATTEMPTS = 8;

/**
 * Delivers the notification outbox: always a structured log line, plus a POST to the region's webhook if one is
 * configured. Failures back off exponentially (2^attempts s) and give up as FAILED after 8 attempts.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('Notifications');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async deliverPending(batch = 100): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    for (;;) {
      // Claim a batch with a short lease in its own transaction, so no lock is held while webhooks answer; a worker
      // that dies mid-send leaves the rows to be retried when the lease runs out.
      const rows = await this.db.transaction((m) =>
        returning<PendingNotification>(
          m,
          `WITH c AS (
             SELECT n.id FROM notification n
              WHERE n.status = 'PENDING' AND n.next_attempt_at <= now()
              ORDER BY n.next_attempt_at, n.id LIMIT $1 FOR UPDATE SKIP LOCKED
           )
           UPDATE notification n SET next_attempt_at = now() + interval '5 minutes' FROM c WHERE n.id = c.id
           RETURNING n.id, n.region_code, n.kind, n.payload, n.attempts,
                     (SELECT h.url FROM region_webhook h WHERE h.region_code = n.region_code) AS url`,
          [batch],
        ),
      );
      for (const n of rows) {
        try {
          await this.send(n);
          await this.db.query(
            `UPDATE notification SET status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1 WHERE id = $1`,
            [n.id],
          );
          delivered++;
        } catch (err) {
          const giveUp = n.attempts + 1 >= MAX_ATTEMPTS;
          await this.db.query(
            `UPDATE notification SET attempts = attempts + 1, last_error = $2, status = $3,
                    next_attempt_at = now() + make_interval(secs => power(2, attempts + 1)) WHERE id = $1`,
            [n.id, String((err as Error).message).slice(0, 500), giveUp ? 'FAILED' : 'PENDING'],
          );
          failed++;
        }
      }
      if (rows.length < batch) return { delivered, failed };
    }
  }

  private async send(n: PendingNotification): Promise<void> {
    this.logger.log(
      { notification: n.id, region: n.region_code, kind: n.kind, payload: n.payload },
      `${n.kind} for region ${n.region_code}`,
    );
    if (!n.url) return;
    const res = await fetch(n.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: n.id, kind: n.kind, regionCode: n.region_code, ...n.payload }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}
