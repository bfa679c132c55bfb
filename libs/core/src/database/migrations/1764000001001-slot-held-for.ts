import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region of the pathway a slot is held or booked for, so the capacity lib can show a planner the non-free slots
 * held for the region's own pathways (issue #14 item 12) without reading the offers lib's table.
 */
export class SlotHeldFor1764000001001 implements MigrationInterface {
  name = 'SlotHeldFor1764000001001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slot ADD COLUMN held_for_region_code int`);
    await q.query(`
      UPDATE slot s SET held_for_region_code = o.region_code
        FROM offer o
       WHERE o.slot_id = s.id AND o.status IN ('PENDING', 'ACCEPTED') AND s.status IN ('HELD', 'BOOKED')`);
    await q.query(
      `CREATE INDEX slot_held_for_region ON slot (held_for_region_code, starts_at) WHERE held_for_region_code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE slot DROP COLUMN held_for_region_code`);
  }
}
