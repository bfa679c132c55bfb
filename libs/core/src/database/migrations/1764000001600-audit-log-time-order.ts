import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `auditLog` pages by time (at DESC, id DESC), not by id: history loaded in bulk after the fact (the demo's, an
 * import) has higher ids than entries written earlier with a later `at`. The unfiltered list and the actor and action
 * filters stay index range scans (read backwards) whatever the page number.
 */
export class AuditLogTimeOrder1764000001600 implements MigrationInterface {
  name = 'AuditLogTimeOrder1764000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX audit_at_idx ON audit_log (at, id);
      DROP INDEX audit_actor_idx;
      CREATE INDEX audit_actor_idx ON audit_log (actor_id, at, id);
      DROP INDEX audit_action_idx;
      CREATE INDEX audit_action_idx ON audit_log (action, at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_action_idx;
      CREATE INDEX audit_action_idx ON audit_log (action, id);
      DROP INDEX audit_actor_idx;
      CREATE INDEX audit_actor_idx ON audit_log (actor_id, id);
      DROP INDEX audit_at_idx;
    `);
  }
}
