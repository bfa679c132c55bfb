import { runMigrations } from '@app/core';
import { openDataSource } from './db';

/** npm run migration:run | migration:revert | migration:generate -- <Name> (uses DATABASE_URL). */
async function main(): Promise<void> {
  const [cmd, name] = process.argv.slice(2);
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
    } else if (cmd === 'generate') {
      if (!name) throw new Error('Usage: npm run migration:generate -- <Name>');
      const sql = await ds.driver.createSchemaBuilder().log();
      if (!sql.upQueries.length) {
        console.log('Entities and schema agree; nothing to generate');
        return;
      }
      const ts = Date.now();
      const up = sql.upQueries.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
      const down = sql.downQueries.reverse().map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
      const file = `libs/core/src/database/migrations/${ts}-${name}.ts`;
      const body = `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`;
      require('node:fs').writeFileSync(file, body);
      console.log(`Wrote ${file}; review it and add it to migrations/index.ts`);
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
