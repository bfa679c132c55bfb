import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pathways, pauses, early warnings and their notification outbox. */
export class Pathways1764000000200 implements MigrationInterface {
  name = 'Pathways1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pathway (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        region_code int NOT NULL REFERENCES region(code),
        home_municipality_code int NOT NULL REFERENCES municipality(code),
        cancer_area text NOT NULL REFERENCES cancer_area(code),
        phase text NOT NULL CHECK (phase IN ('DIAGNOSTIC','PRIMARY_TREATMENT','ADJUVANT_TREATMENT')),
        modality text NOT NULL REFERENCES modality(code),
        clock_start date NOT NULL,
        patient_accepted_on date CHECK (patient_accepted_on >= clock_start),
        expected_date date,
        treated_on date,
        status text NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING','OFFERED','SCHEDULED','TREATED','CLOSED')),
        deadline date NOT NULL,
        base_deadline date NOT NULL,
        paused_days int NOT NULL DEFAULT 0,
        rule_set text NOT NULL,
        at_risk boolean GENERATED ALWAYS AS (
          status IN ('WAITING','OFFERED') AND (expected_date IS NULL OR expected_date > deadline)) STORED,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT pathway_reference_per_region UNIQUE (region_code, reference),
        CHECK (deadline >= base_deadline)
      );
      CREATE INDEX pathway_open_deadline_idx ON pathway (deadline, id) WHERE status IN ('WAITING','OFFERED');
      CREATE INDEX pathway_region_deadline_idx ON pathway (region_code, deadline, id);
      CREATE INDEX pathway_area_deadline_idx ON pathway (cancer_area, deadline, id);

      CREATE TABLE pathway_pause (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        from_date date NOT NULL,
        to_date date NOT NULL,
        reason text NOT NULL CHECK (reason IN ('PATIENT_CHOICE','HEALTH')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date > from_date)
      );
      CREATE INDEX pathway_pause_pathway_idx ON pathway_pause (pathway_id, from_date);

      CREATE TABLE early_warning (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        region_code int NOT NULL,
        cancer_area text NOT NULL,
        deadline date NOT NULL,
        raised_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT early_warning_once UNIQUE (pathway_id, deadline)
      );
      CREATE INDEX early_warning_region_idx ON early_warning (region_code, raised_on);

      -- Per-region webhook for early-warning notifications (optional).
      CREATE TABLE region_webhook (
        region_code int PRIMARY KEY REFERENCES region(code),
        url text NOT NULL
      );

      -- Notification outbox: written with the warning, delivered by the worker with retries and backoff.
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code int NOT NULL,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      );
      CREATE INDEX notification_pending_idx ON notification (next_attempt_at) WHERE status = 'PENDING';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification, region_webhook, early_warning, pathway_pause, pathway`);
  }
}
