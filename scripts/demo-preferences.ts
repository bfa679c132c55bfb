import { addDays, todayInCopenhagen } from '@app/deadline';
import { EntityManager } from 'typeorm';

/**
 * Issue 22: travel preferences on some demo pathways, so matching shows what they exclude. Kept apart from
 * demo-activity.ts (which owns slots, pathways and offers) and keyed on the demo references.
 */
export async function seedDemoPreferences(m: EntityManager): Promise<number> {
  const today = todayInCopenhagen();
  const rows: { id: string }[] = await m.query(
    `UPDATE pathway p SET
        max_travel_km = CASE WHEN n % 5 = 0 THEN 80 WHEN n % 5 = 2 THEN 150 END,
        accepts_abroad = CASE WHEN n % 3 = 0 THEN false WHEN n % 3 = 1 THEN true END,
        accepts_private = CASE WHEN n % 7 = 0 THEN false END,
        not_before = CASE WHEN n % 11 = 4 THEN $1::date END
       FROM (SELECT id, row_number() OVER (ORDER BY reference)::int AS n FROM pathway WHERE reference LIKE 'DEMO-%' AND status IN ('WAITING','OFFERED')) x
      WHERE p.id = x.id AND x.n % 2 = 0
      RETURNING p.id`,
    [addDays(today, 10)],
  );
  if (rows.length) {
    await m.query(
      `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, after) VALUES ('system', 'demo.seed', 'demo', 'preferences', $1)`,
      [JSON.stringify({ pathways: rows.length })],
    );
  }
  return rows.length;
}
