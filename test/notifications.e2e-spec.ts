import { createServer, Server } from 'node:http';
import { addDays, todayInCopenhagen } from '@app/deadline';
import { EarlyWarningService, NotificationService } from '@app/pathways';
import { bootApp, TestApp } from './support/harness';

describe('early-warning notifications: region webhook with retries', () => {
  let app: TestApp;
  let server: Server;
  const received: Record<string, unknown>[] = [];
  let failNext = 1;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failNext-- > 0) {
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    await app.db.query(
      `INSERT INTO region_webhook (region_code, url) VALUES (1085, $1) ON CONFLICT (region_code) DO UPDATE SET url = $1`,
      [`http://127.0.0.1:${port}/hook`],
    );
  });
  afterAll(async () => {
    await app.db.query(`DELETE FROM region_webhook WHERE region_code = 1085`);
    await app.close();
    await new Promise((r) => server.close(r));
  });

  it('a failed delivery is retried with backoff and then delivered once, with the warning as payload', async () => {
    const p = await app.registerPathway('planner.sjaelland@demo.dk', {
      homeMunicipalityCode: 330,
      phase: 'DIAGNOSTIC',
      modality: 'DIAGNOSTIC',
      clockStart: addDays(todayInCopenhagen(), -12),
    });
    const sweep = await app.api.get(EarlyWarningService).sweep(todayInCopenhagen(), undefined, [1085]);
    expect(sweep.raised).toBeGreaterThanOrEqual(1);
    const notifications = app.api.get(NotificationService);
    const mine = async () =>
      (
        await app.db.query(
          `SELECT n.status, n.attempts, n.last_error, n.next_attempt_at > now() AS waiting FROM notification n
         JOIN early_warning w ON w.id = n.subject_id WHERE w.pathway_id = $1`,
          [p.id],
        )
      )[0];
    await notifications.deliverPending();
    expect(await mine()).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      last_error: 'webhook answered 503',
      waiting: true,
    });
    await notifications.deliverPending();
    expect((await mine()).attempts).toBe(1);
    await app.db.query(
      `UPDATE notification SET next_attempt_at = now() WHERE subject_id IN (SELECT id FROM early_warning WHERE pathway_id = $1)`,
      [p.id],
    );
    await notifications.deliverPending();
    expect(await mine()).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    const hook = received.find((r) => r.pathwayId === p.id);
    expect(hook).toMatchObject({ kind: 'EARLY_WARNING', regionCode: 1085, pathwayId: p.id, deadline: p.deadline });
  });
});
