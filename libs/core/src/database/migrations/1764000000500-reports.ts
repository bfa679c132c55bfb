import { MigrationInterface, QueryRunner } from 'typeorm';

/** Annual capacity status report (issue #9): report jobs, their stored outputs, and the offer-time expected date. */
export class Reports1764000000500 implements MigrationInterface {
  name = 'Reports1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2020 AND 2100),
        quarter int CHECK (quarter BETWEEN 1 AND 4),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED','RUNNING','DONE','FAILED')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        -- Fencing token of the attempt that owns the row: a killed or stalled attempt that wakes up cannot write.
        run_id uuid,
        runs int NOT NULL DEFAULT 0,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        sha256 text,
        CHECK ((status = 'DONE') = (sha256 IS NOT NULL))
      );
      CREATE INDEX report_done_idx ON report (year, created_at) WHERE status = 'DONE';

      CREATE TABLE report_output (
        report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        format text NOT NULL CHECK (format IN ('json','csv','html')),
        content text NOT NULL,
        sha256 text NOT NULL,
        bytes int NOT NULL,
        PRIMARY KEY (report_id, format)
      );

      -- Accepting an offer overwrites pathway.expected_date with the slot date, so "days gained versus the own
      -- region's expected date" needs what the pathway had when the offer was made: snapshot it on insert.
      ALTER TABLE offer ADD COLUMN expected_date_at_offer date;
      CREATE FUNCTION offer_snapshot_expected_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.expected_date_at_offer IS NULL THEN
          SELECT p.expected_date INTO NEW.expected_date_at_offer FROM pathway p WHERE p.id = NEW.pathway_id;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER offer_snapshot_expected_date BEFORE INSERT ON offer
        FOR EACH ROW EXECUTE FUNCTION offer_snapshot_expected_date();
      -- Offers made before this migration: the 'before' of the pathway.offered audit row written in the same
      -- transaction as offer.create (same now()) is exactly the pathway at offer time.
      UPDATE offer o SET expected_date_at_offer = (a.before->>'expectedDate')::date
        FROM audit_log c, audit_log a
       WHERE c.entity_type = 'offer' AND c.entity_id = o.id::text AND c.action = 'offer.create'
         AND a.entity_type = 'pathway' AND a.entity_id = o.pathway_id::text AND a.action = 'pathway.offered' AND a.at = c.at;

      -- The report selects slots by their calendar date.
      CREATE INDEX slot_date_idx ON slot (slot_date);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX slot_date_idx;
      DROP TRIGGER offer_snapshot_expected_date ON offer;
      DROP FUNCTION offer_snapshot_expected_date;
      ALTER TABLE offer DROP COLUMN expected_date_at_offer;
      DROP TABLE report_output, report;
    `);
  }
}
