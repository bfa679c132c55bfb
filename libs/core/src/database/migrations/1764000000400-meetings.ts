import { MigrationInterface, QueryRunner } from 'typeorm';

/** Collaboration meetings and their recorded decisions (they feed the annual report). */
export class Meetings1764000000400 implements MigrationInterface {
  name = 'Meetings1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cancer_area text NOT NULL REFERENCES cancer_area(code),
        meeting_date date NOT NULL,
        title text NOT NULL,
        attendee_ids uuid[] NOT NULL DEFAULT '{}',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX meeting_area_date_idx ON meeting (cancer_area, meeting_date);

      CREATE TABLE meeting_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting(id),
        pathway_id uuid REFERENCES pathway(id),
        kind text NOT NULL CHECK (kind IN ('OFFER_MADE','NO_ACTION','ESCALATE')),
        offer_id uuid REFERENCES offer(id),
        reason text,
        decided_by uuid,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'OFFER_MADE' OR offer_id IS NOT NULL),
        CHECK (kind = 'OFFER_MADE' OR coalesce(reason, '') <> '')
      );
      CREATE INDEX meeting_decision_meeting_idx ON meeting_decision (meeting_id, decided_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_decision, meeting`);
  }
}
