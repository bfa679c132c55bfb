import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreement rule in one place for SQL: the latest valid_to of an agreement with the provider that covers the
 * cancer area and modality on the date, or NULL. PRIVATE and FOREIGN slots may only be offered when it is not NULL.
 */
export class AgreementFunction1764000000700 implements MigrationInterface {
  name = 'AgreementFunction1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION agreement_valid_to(p_provider uuid, p_area text, p_modality text, p_on date) RETURNS date
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT max(a.valid_to) FROM agreement a
         WHERE a.provider_id = p_provider AND p_on BETWEEN a.valid_from AND a.valid_to
           AND p_area = ANY(a.cancer_areas) AND p_modality = ANY(a.modalities)
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION agreement_valid_to(uuid, text, text, date)`);
  }
}
