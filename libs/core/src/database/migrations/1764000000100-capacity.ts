import { MigrationInterface, QueryRunner } from 'typeorm';

/** Capacity (issue #5): slots and the series that generate them. */
export class Capacity1764000000100 implements MigrationInterface {
  name = 'Capacity1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE slot_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES provider(id),
        cancer_area text NOT NULL REFERENCES cancer_area(code),
        modality text NOT NULL REFERENCES modality(code),
        weekdays int[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]),
        start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        from_date date NOT NULL,
        to_date date NOT NULL,
        count_per_occurrence int NOT NULL DEFAULT 1 CHECK (count_per_occurrence BETWEEN 1 AND 20),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date >= from_date)
      );
      CREATE INDEX slot_series_provider_idx ON slot_series(provider_id);

      CREATE TABLE slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES provider(id),
        cancer_area text NOT NULL REFERENCES cancer_area(code),
        modality text NOT NULL REFERENCES modality(code),
        starts_at timestamptz NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        -- The Danish calendar date of the start (agreements, deadlines, region attribution); set by the trigger below.
        slot_date date NOT NULL,
        status text NOT NULL DEFAULT 'FREE' CHECK (status IN ('FREE','HELD','BOOKED','WITHDRAWN','EXPIRED')),
        series_id uuid REFERENCES slot_series(id),
        -- Parallel slots at the same start (series countPerOccurrence) are numbered 0, 1, 2 …
        seq int NOT NULL DEFAULT 0 CHECK (seq >= 0),
        region_code int REFERENCES region(code),
        provider_kind text NOT NULL CHECK (provider_kind IN ('PUBLIC','PRIVATE','FOREIGN')),
        published_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT slot_no_duplicate UNIQUE (provider_id, cancer_area, modality, starts_at, seq)
      );
      -- Browsing: area + modality + window ordered by the keyset (starts_at, id); FREE is by far the common filter.
      CREATE INDEX slot_browse_idx ON slot (cancer_area, modality, starts_at, id);
      CREATE INDEX slot_free_browse_idx ON slot (cancer_area, modality, starts_at, id) WHERE status = 'FREE';
      CREATE INDEX slot_provider_idx ON slot (provider_id, starts_at);
      -- Expiry sweep and unfiltered browsing of free slots.
      CREATE INDEX slot_free_starts_idx ON slot (starts_at, id) WHERE status = 'FREE';
      CREATE INDEX slot_series_idx ON slot (series_id) WHERE series_id IS NOT NULL;

      -- The denormalised columns are derived in the database, so filters need no join and hand-written inserts
      -- (jobs, tests, benchmarks) cannot get them wrong. (A trigger rather than a generated column: TypeORM's
      -- schema diff cannot read generated columns without its own metadata table.)
      CREATE FUNCTION slot_denormalise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.slot_date := (NEW.starts_at AT TIME ZONE 'Europe/Copenhagen')::date;
        SELECT p.region_code, p.kind INTO NEW.region_code, NEW.provider_kind FROM provider p WHERE p.id = NEW.provider_id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER slot_denormalise BEFORE INSERT OR UPDATE OF provider_id, starts_at, slot_date, region_code, provider_kind ON slot
        FOR EACH ROW EXECUTE FUNCTION slot_denormalise();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE slot;
      DROP FUNCTION slot_denormalise;
      DROP TABLE slot_series;
    `);
  }
}
