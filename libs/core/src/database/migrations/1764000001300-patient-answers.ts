import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the patient said, for matching (issues 16, 22):
 * - `geo_distance_km`: the one distance measure of the exchange (haversine on the IUGG mean radius, 0.1 km), used by
 *   the candidate ranking and by every rule that compares distances, so "nearer than the declined one" means the same
 *   thing as the ranking's distance.
 * - `distance_band`: the bands the acceptance rates and the report use (TypeScript twin: libs/pathways distanceBand).
 * - `pathway_answer` (owned by libs/pathways): one row per answered offer (accepted or declined) with the distance
 *   and band at answer time, kept by statement-level triggers on `offer`, so every way an offer is answered (API,
 *   demo seed, bench) is recorded in the same transaction.
 *   `answer_daily` sums them per day, band and kind for the acceptance rates.
 * - The patient's travel preferences on the pathway.
 */
export class PatientAnswers1764000001300 implements MigrationInterface {
  name = 'PatientAnswers1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION geo_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT round((2 * 6371.0088 * asin(sqrt(
          power(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)
        )))::numeric, 1)::float8
      $$;

      CREATE FUNCTION distance_band(country text, km float8) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN country <> 'DK' THEN 'ABROAD' WHEN km < 25 THEN '0-25' WHEN km < 50 THEN '25-50'
                    WHEN km < 100 THEN '50-100' WHEN km < 200 THEN '100-200' ELSE '200+' END
      $$;

      ALTER TABLE pathway
        ADD COLUMN max_travel_km int CHECK (max_travel_km > 0),
        ADD COLUMN accepts_abroad boolean,
        ADD COLUMN accepts_private boolean,
        ADD COLUMN not_before date;

      CREATE TABLE pathway_answer (
        offer_id uuid PRIMARY KEY REFERENCES offer(id),
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        slot_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        provider_kind text NOT NULL,
        provider_country char(2) NOT NULL,
        provider_region_code int,
        slot_date date NOT NULL,
        distance_km float8 NOT NULL,
        distance_band text NOT NULL,
        answer text NOT NULL CHECK (answer IN ('ACCEPTED', 'DECLINED')),
        decline_reason text,
        answered_at timestamptz NOT NULL
      );
      CREATE INDEX pathway_answer_pathway ON pathway_answer (pathway_id);
      CREATE INDEX pathway_answer_answered_at ON pathway_answer (answered_at);

      -- Answers per Copenhagen day, band and kind: matching reads the 12-month acceptance rates from at most
      -- 365 × 18 rows instead of aggregating every answer on each call.
      CREATE TABLE answer_daily (
        day date NOT NULL,
        distance_band text NOT NULL,
        provider_kind text NOT NULL,
        answers int NOT NULL,
        accepted int NOT NULL,
        PRIMARY KEY (day, distance_band, provider_kind)
      );

      CREATE FUNCTION pathway_answer_rows(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        WITH ins AS (
        INSERT INTO pathway_answer (offer_id, pathway_id, slot_id, provider_id, provider_kind, provider_country, provider_region_code,
                                    slot_date, distance_km, distance_band, answer, decline_reason, answered_at)
        SELECT o.id, o.pathway_id, o.slot_id, o.provider_id, o.provider_kind, o.provider_country, pr.region_code, o.slot_date,
               d.km, distance_band(o.provider_country, d.km), o.status, o.decline_reason, coalesce(o.responded_at, o.offered_at)
          FROM offer o
          JOIN pathway pw ON pw.id = o.pathway_id
          JOIN municipality m ON m.code = pw.home_municipality_code
          JOIN provider pr ON pr.id = o.provider_id
          CROSS JOIN LATERAL (SELECT geo_distance_km(m.lat, m.lon, pr.lat, pr.lon) AS km) d
         WHERE o.id = ANY(ids) AND o.status IN ('ACCEPTED', 'DECLINED')
        ON CONFLICT (offer_id) DO NOTHING
        RETURNING answered_at, distance_band, provider_kind, answer
        )
        INSERT INTO answer_daily (day, distance_band, provider_kind, answers, accepted)
        SELECT (answered_at AT TIME ZONE 'Europe/Copenhagen')::date, distance_band, provider_kind,
               count(*), count(*) FILTER (WHERE answer = 'ACCEPTED')
          FROM ins GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (day, distance_band, provider_kind) DO UPDATE
          SET answers = answer_daily.answers + EXCLUDED.answers, accepted = answer_daily.accepted + EXCLUDED.accepted
      $$;

      CREATE FUNCTION pathway_answer_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pathway_answer_rows(ARRAY(SELECT id FROM new_offer WHERE status IN ('ACCEPTED', 'DECLINED')));
        RETURN NULL;
      END $$;
      CREATE FUNCTION pathway_answer_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pathway_answer_rows(ARRAY(
          SELECT n.id FROM new_offer n JOIN old_offer o ON o.id = n.id
           WHERE n.status IN ('ACCEPTED', 'DECLINED') AND n.status IS DISTINCT FROM o.status));
        RETURN NULL;
      END $$;
      CREATE TRIGGER offer_answer_insert AFTER INSERT ON offer REFERENCING NEW TABLE AS new_offer
        FOR EACH STATEMENT EXECUTE FUNCTION pathway_answer_on_insert();
      CREATE TRIGGER offer_answer_update AFTER UPDATE ON offer REFERENCING OLD TABLE AS old_offer NEW TABLE AS new_offer
        FOR EACH STATEMENT EXECUTE FUNCTION pathway_answer_on_update();

      SELECT pathway_answer_rows(ARRAY(SELECT id FROM offer WHERE status IN ('ACCEPTED', 'DECLINED')));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER offer_answer_update ON offer;
      DROP TRIGGER offer_answer_insert ON offer;
      DROP FUNCTION pathway_answer_on_update();
      DROP FUNCTION pathway_answer_on_insert();
      DROP FUNCTION pathway_answer_rows(uuid[]);
      DROP TABLE answer_daily;
      DROP TABLE pathway_answer;
      ALTER TABLE pathway DROP COLUMN max_travel_km, DROP COLUMN accepts_abroad, DROP COLUMN accepts_private, DROP COLUMN not_before;
      DROP FUNCTION distance_band(text, float8);
      DROP FUNCTION geo_distance_km(float8, float8, float8, float8);
    `);
  }
}
