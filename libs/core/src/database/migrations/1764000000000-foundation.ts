import { MigrationInterface, QueryRunner } from 'typeorm';
import municipalities from '../data/municipalities.json';
import regions from '../data/regions.json';

const AREAS: [string, string, string][] = [
  ['BREAST', 'Brystkræft', 'Breast cancer'],
  ['LUNG', 'Lungekræft', 'Lung cancer'],
  ['URINARY', 'Kræft i urinvejene', 'Urinary tract cancer'],
  ['GYNAECOLOGICAL', 'Gynækologisk kræft', 'Gynaecological cancer'],
  ['UPPER_GI', 'Kræft i øvre mave-tarm', 'Upper GI cancer'],
  ['LOWER_GI', 'Kræft i nedre mave-tarm', 'Lower GI cancer'],
  ['OTHER', 'Anden kræft', 'Other cancer'],
];
const MODALITIES: [string, string, string][] = [
  ['DIAGNOSTIC', 'Forundersøgelse/udredning', 'Diagnostic work-up'],
  ['SURGERY', 'Operation', 'Surgery'],
  ['CHEMOTHERAPY', 'Kemoterapi', 'Chemotherapy'],
  ['RADIOTHERAPY', 'Strålebehandling', 'Radiotherapy'],
];

/** Foundation: reference data, users, audit log (append-only), outbox, worker heartbeat. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code int PRIMARY KEY,
        iso_code text NOT NULL,
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        valid_from date,
        valid_to date,
        successor_code int REFERENCES region(code)
      );
      CREATE TABLE municipality (
        code int PRIMARY KEY,
        name text NOT NULL,
        region_code int NOT NULL REFERENCES region(code),
        lat double precision NOT NULL,
        lon double precision NOT NULL
      );
      CREATE TABLE cancer_area (code text PRIMARY KEY, name_da text NOT NULL, name_en text NOT NULL);
      CREATE TABLE modality (code text PRIMARY KEY, name_da text NOT NULL, name_en text NOT NULL);

      -- The region a historical region code belongs to on a date: follows successors (1084/1085 → 1086 from 2027).
      CREATE FUNCTION effective_region(p_code int, p_on date) RETURNS int LANGUAGE plpgsql STABLE AS $$
      DECLARE r record; c int := p_code;
      BEGIN
        FOR i IN 1..10 LOOP
          SELECT * INTO r FROM region WHERE code = c;
          IF NOT FOUND OR r.valid_to IS NULL OR p_on <= r.valid_to OR r.successor_code IS NULL THEN RETURN c; END IF;
          c := r.successor_code;
        END LOOP;
        RETURN c;
      END $$;

      CREATE TABLE provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PUBLIC','PRIVATE','FOREIGN')),
        region_code int REFERENCES region(code),
        country char(2) NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        cancer_areas text[] NOT NULL,
        modalities text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'FOREIGN') = (region_code IS NULL))
      );
      CREATE INDEX provider_region_idx ON provider(region_code);

      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES provider(id),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        cancer_areas text[] NOT NULL,
        modalities text[] NOT NULL,
        price_per_course_dkk numeric(12,2),
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to >= valid_from)
      );
      CREATE INDEX agreement_provider_idx ON agreement(provider_id, valid_from, valid_to);

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('SECRETARIAT','PLANNER','COLLABORATION','OBSERVER')),
        region_code int REFERENCES region(code),
        cancer_areas text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'PLANNER' OR region_code IS NOT NULL)
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_entity_idx ON audit_log(entity_type, entity_id, id);
      CREATE INDEX audit_actor_idx ON audit_log(actor_id, id);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        job_id text NOT NULL,
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_pending_idx ON outbox(id) WHERE dispatched_at IS NULL;

      CREATE TABLE worker_heartbeat (
        id text PRIMARY KEY,
        last_seen_at timestamptz NOT NULL,
        job_id text,
        note text
      );
    `);
    for (const r of regions) {
      await q.query(
        `INSERT INTO region (code, iso_code, name, slug, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6)`,
        [r.code, r.isoCode, r.name, r.slug, r.validFrom, r.validTo],
      );
    }
    for (const r of regions.filter((x) => x.successorCode)) {
      await q.query(`UPDATE region SET successor_code = $2 WHERE code = $1`, [r.code, r.successorCode]);
    }
    for (const m of municipalities) {
      await q.query(`INSERT INTO municipality (code, name, region_code, lat, lon) VALUES ($1,$2,$3,$4,$5)`, [
        m.code,
        m.name,
        m.regionCode,
        m.lat,
        m.lon,
      ]);
    }
    for (const [code, da, en] of AREAS) await q.query(`INSERT INTO cancer_area VALUES ($1,$2,$3)`, [code, da, en]);
    for (const [code, da, en] of MODALITIES) await q.query(`INSERT INTO modality VALUES ($1,$2,$3)`, [code, da, en]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE worker_heartbeat, outbox, audit_log, app_user, agreement, provider, modality, cancer_area, municipality;
      DROP FUNCTION audit_log_append_only; DROP FUNCTION effective_region;
      DROP TABLE region;
    `);
  }
}
