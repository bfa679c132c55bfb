import { MigrationInterface, QueryRunner } from 'typeorm';

/** The report's PDF (issue #19) is stored with the other outputs, as bytes. */
export class ReportPdf1764000001201 implements MigrationInterface {
  name = 'ReportPdf1764000001201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE report_output DROP CONSTRAINT report_output_format_check;
      ALTER TABLE report_output ADD CONSTRAINT report_output_format_check CHECK (format IN ('json','csv','html','pdf'));
      ALTER TABLE report_output ALTER COLUMN content DROP NOT NULL;
      ALTER TABLE report_output ADD COLUMN data bytea;
      ALTER TABLE report_output ADD CONSTRAINT report_output_text_or_bytes CHECK ((content IS NULL) <> (data IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM report_output WHERE format = 'pdf';
      ALTER TABLE report_output DROP CONSTRAINT report_output_text_or_bytes;
      ALTER TABLE report_output DROP COLUMN data;
      ALTER TABLE report_output ALTER COLUMN content SET NOT NULL;
      ALTER TABLE report_output DROP CONSTRAINT report_output_format_check;
      ALTER TABLE report_output ADD CONSTRAINT report_output_format_check CHECK (format IN ('json','csv','html'));
    `);
  }
}
