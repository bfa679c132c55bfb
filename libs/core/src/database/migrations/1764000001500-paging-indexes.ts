import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the keyset pages of the GraphQL lists (README, "API conventions"): each list's sort key ending with the
 * id, so a page after a cursor is an index range scan whatever the page number. Lists filtered by region or area
 * already have (region_code|cancer_area, key, id) indexes; these serve the unfiltered and the other orders.
 * A btree is read backwards for the lists that are newest first.
 */
export class PagingIndexes1764000001500 implements MigrationInterface {
  name = 'PagingIndexes1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX pathway_deadline_idx ON pathway (deadline, id);
      CREATE INDEX offer_offered_idx ON offer (offered_at, id);
      CREATE INDEX offer_region_offered_idx ON offer (region_code, offered_at, id);
      DROP INDEX offer_pending_expiry_idx;
      CREATE INDEX offer_pending_expiry_idx ON offer (expires_at, id) WHERE status = 'PENDING';
      CREATE INDEX early_warning_deadline_idx ON early_warning (deadline, id);
      CREATE INDEX early_warning_raised_idx ON early_warning (raised_on, id);
      CREATE INDEX meeting_date_idx ON meeting (meeting_date, id);
      DROP INDEX report_done_idx;
      CREATE INDEX report_done_idx ON report (year, (COALESCE(quarter, 5)), created_at, id) WHERE status = 'DONE';
      CREATE INDEX audit_action_idx ON audit_log (action, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_action_idx;
      DROP INDEX report_done_idx;
      CREATE INDEX report_done_idx ON report (year, created_at) WHERE status = 'DONE';
      DROP INDEX meeting_date_idx;
      DROP INDEX early_warning_raised_idx;
      DROP INDEX early_warning_deadline_idx;
      DROP INDEX offer_pending_expiry_idx;
      CREATE INDEX offer_pending_expiry_idx ON offer (expires_at) WHERE status = 'PENDING';
      DROP INDEX offer_region_offered_idx;
      DROP INDEX offer_offered_idx;
      DROP INDEX pathway_deadline_idx;
    `);
  }
}
