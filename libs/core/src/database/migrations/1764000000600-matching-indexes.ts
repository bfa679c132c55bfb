import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-provider access to free slots of one area and modality in start order: the candidate query's inner loop. */
export class MatchingIndexes1764000000600 implements MigrationInterface {
  name = 'MatchingIndexes1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX slot_free_provider_idx ON slot (provider_id, cancer_area, modality, starts_at, id) WHERE status = 'FREE'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX slot_free_provider_idx`);
  }
}
