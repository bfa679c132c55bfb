import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity import (issue #21): one row per committed file, owned by libs/capacity; slots remember the import and the
 * booking system's own id, so re-importing a file creates no duplicates. Also an index for the FHIR bulk
 * publication's `_since` (slots changed after an instant).
 */
export class CapacityImport1764000001400 implements MigrationInterface {
  name = 'CapacityImport1764000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE capacity_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_label text NOT NULL,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        format text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
        row_count int NOT NULL CHECK (row_count >= 0),
        slots_created int NOT NULL CHECK (slots_created >= 0),
        slots_existing int NOT NULL CHECK (slots_existing >= 0)
      );
      CREATE INDEX capacity_import_actor_idx ON capacity_import (actor_id, created_at);

      ALTER TABLE slot
        ADD COLUMN import_id uuid REFERENCES capacity_import(id),
        ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 100);
      -- Idempotent re-import by the booking system's id; without one, slot_no_duplicate (provider, area, modality,
      -- start, seq) is the key.
      CREATE UNIQUE INDEX slot_external_id_key ON slot (provider_id, external_id, seq) WHERE external_id IS NOT NULL;
      CREATE INDEX slot_import_idx ON slot (import_id) WHERE import_id IS NOT NULL;
      CREATE INDEX slot_updated_idx ON slot (updated_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX slot_updated_idx;
      DROP INDEX slot_import_idx;
      DROP INDEX slot_external_id_key;
      ALTER TABLE slot DROP COLUMN external_id, DROP COLUMN import_id;
      DROP TABLE capacity_import;
    `);
  }
}
