import { MigrationInterface, QueryRunner } from 'typeorm';

/** Offers: the hold/accept/decline/expire lifecycle and the region's handlepligt evidence. */
export class Offers1764000000300 implements MigrationInterface {
  name = 'Offers1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        slot_id uuid NOT NULL REFERENCES slot(id),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','DECLINED','EXPIRED','WITHDRAWN')),
        -- Snapshot at offer time: the evidence must not change when providers or deadlines change later.
        region_code int NOT NULL,
        cancer_area text NOT NULL,
        modality text NOT NULL,
        provider_id uuid NOT NULL REFERENCES provider(id),
        provider_kind text NOT NULL,
        provider_country char(2) NOT NULL,
        slot_starts_at timestamptz NOT NULL,
        slot_date date NOT NULL,
        deadline_at_offer date NOT NULL,
        offered_at timestamptz NOT NULL DEFAULT now(),
        offered_on date NOT NULL,
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        decline_reason text CHECK (decline_reason IN
          ('DISTANCE','ABROAD','PREFERS_OWN_HOSPITAL','TIMING','HEALTH','LANGUAGE','FAMILY_OR_WORK','OTHER')),
        note text,
        made_by uuid,
        CHECK ((status = 'DECLINED') = (decline_reason IS NOT NULL)),
        CHECK (decline_reason IS DISTINCT FROM 'OTHER' OR coalesce(note, '') <> '')
      );
      -- No slot ever has two live offers, and a pathway has at most one pending offer.
      CREATE UNIQUE INDEX offer_one_live_per_slot ON offer (slot_id) WHERE status IN ('PENDING','ACCEPTED');
      CREATE UNIQUE INDEX offer_one_pending_per_pathway ON offer (pathway_id) WHERE status = 'PENDING';
      CREATE INDEX offer_pathway_idx ON offer (pathway_id, offered_at);
      CREATE INDEX offer_pending_expiry_idx ON offer (expires_at) WHERE status = 'PENDING';
      CREATE INDEX offer_report_idx ON offer (offered_on, cancer_area, region_code, provider_kind);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer`);
  }
}
