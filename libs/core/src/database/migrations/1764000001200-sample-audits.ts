import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sample audits (issue #19, libs/audits): the secretariat draws a reproducible, region-stratified random sample of
 * pathways by a criterion and records a handlepligt finding per sampled pathway.
 */
export class SampleAudits1764000001200 implements MigrationInterface {
  name = 'SampleAudits1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sample_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        cancer_area text NOT NULL REFERENCES cancer_area(code),
        criterion text NOT NULL CHECK (criterion IN ('TREATED_LATE','DECLINED_OFFER','NO_OFFER_BEFORE_DEADLINE')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        -- The stated seed and sample size per region: with the same data they draw the same sample again.
        seed bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        per_region int NOT NULL CHECK (per_region BETWEEN 1 AND 100),
        as_of date NOT NULL,
        population int NOT NULL CHECK (population >= 0),
        -- Per region: [{regionCode, population, sampled}], so the draw can be explained later.
        strata jsonb NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        conclusion text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        closed_at timestamptz,
        CHECK (period_to >= period_from),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      );
      CREATE INDEX sample_audit_period_idx ON sample_audit (period_from, period_to);

      CREATE TABLE sample_audit_pathway (
        audit_id uuid NOT NULL REFERENCES sample_audit(id),
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        -- The stratum: the pathway's region as valid on the last day of the audited period.
        region_code int NOT NULL REFERENCES region(code),
        draw_order int NOT NULL CHECK (draw_order >= 0),
        finding text CHECK (finding IN ('MET','NOT_MET','UNCLEAR')),
        note text,
        assessed_by uuid,
        assessed_at timestamptz,
        PRIMARY KEY (audit_id, pathway_id),
        UNIQUE (audit_id, draw_order),
        CHECK ((finding IS NULL) = (assessed_at IS NULL))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sample_audit_pathway, sample_audit`);
  }
}
