import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marks demo users, so that outside demo mode they are refused at login and disabled at start (issue #14 item 3).
 * Existing demo users are recognised by the demo domain they were always created with.
 */
export class DemoUsers1764000001000 implements MigrationInterface {
  name = 'DemoUsers1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN demo boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE app_user SET demo = true WHERE email LIKE '%@demo.dk'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN demo`);
  }
}
