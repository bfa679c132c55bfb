import { writeFileSync } from 'node:fs';
import { runMigrations } from '@app/core';
import { openDataSource } from './db';

/** npm run migration:run | migration:revert | migration:generate -- <Name> (run/revert use DATABASE_URL). */
async function main(): Promise<void> {
  const [cmd, name] = process.argv.slice(2);
  if (cmd === 'generate') {
    // Migrations here are hand-written SQL: tables carry checks, partial indexes, triggers and generated columns that
    // TypeORM's entity diff does not model (it would propose dropping them), so this writes a numbered skeleton.
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
      throw new Error('Usage: npm run migration:generate -- <PascalCaseName>');
    const ts = Date.now();
    const file = `libs/core/src/database/migrations/${ts}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.ts`;
    const body = `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n}\n`;
    writeFileSync(file, body);
    console.log(`Wrote ${file}: write its SQL, then add ${name}${ts} to MIGRATIONS in migrations/index.ts`);
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/capacity)');
  if (cmd === 'run') {
    const done = await runMigrations(url);
    console.log(done.length ? `Ran ${done.join(', ')}` : 'No pending migrations');
    return;
  }
  const ds = await openDataSource(url);
  try {
    if (cmd === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else {
      throw new Error('Usage: migrate.js run|revert|generate <Name>');
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
