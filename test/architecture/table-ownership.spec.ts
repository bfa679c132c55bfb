import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALLOWED_VIOLATIONS, Lib, LIBS, READ_MODEL_DIR, TABLE_OWNER } from './table-owners';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : files(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Comments out (so prose naming a table is not SQL), strings and code kept. */
function stripComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/--[^\n`]*/g, ' ');
}

/** Entity class → table, from every `@Entity('table') export class X` in the libs. */
function entityTables(): Map<string, string> {
  const map = new Map<string, string>();
  for (const lib of LIBS) {
    for (const f of files(join(ROOT, 'libs', lib, 'src'))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/@Entity\(\s*'([a-z_]+)'\s*\)\s*(?:@\w+\([^)]*\)\s*)*export class (\w+)/g))
        map.set(m[2], m[1]);
    }
  }
  return map;
}

const TABLES = Object.keys(TABLE_OWNER).join('|');
/** A table named in SQL: after FROM/JOIN/INTO/UPDATE/TABLE (uppercase, as the code writes SQL). */
const SQL_TABLE = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING)\\s+(?:ONLY\\s+)?(${TABLES})\\b`, 'g');
/** A table named in a TypeORM query builder call: .from('slot', 's'), .innerJoin('offer', 'o', …). */
const QB_TABLE = new RegExp(
  `\\.(?:from|into|update|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\\(\\s*['"\`](${TABLES})['"\`]`,
  'g',
);
/** An entity class passed to a repository/manager/query-builder call. */
const ENTITY_USE =
  /\b(?:getRepository|find|findOne|findOneBy|findOneByOrFail|findOneOrFail|findBy|findAndCount|save|insert|update|upsert|delete|create|count|countBy|exists|existsBy|createQueryBuilder|increment|decrement|from|into|innerJoin|leftJoin)\(\s*(\w+)\b/g;

interface Violation {
  key: string;
  line: number;
}

function violations(): Violation[] {
  const entities = entityTables();
  const out: Violation[] = [];
  const scan = (owner: Lib | null, dir: string) => {
    for (const f of files(dir)) {
      const rel = relative(ROOT, f);
      if (owner === 'reporting' && rel.startsWith(READ_MODEL_DIR)) continue;
      const src = stripComments(readFileSync(f, 'utf8'));
      const lineOf = (i: number) => src.slice(0, i).split('\n').length;
      const found = new Map<string, number>();
      for (const m of src.matchAll(SQL_TABLE)) found.set(m[1], found.get(m[1]) ?? lineOf(m.index));
      for (const m of src.matchAll(QB_TABLE)) found.set(m[1], found.get(m[1]) ?? lineOf(m.index));
      for (const m of src.matchAll(ENTITY_USE)) {
        const table = entities.get(m[1]);
        if (table) found.set(table, found.get(table) ?? lineOf(m.index));
      }
      for (const [table, line] of found) if (TABLE_OWNER[table] !== owner) out.push({ key: `${rel}: ${table}`, line });
    }
  };
  for (const lib of LIBS) scan(lib, join(ROOT, 'libs', lib, 'src'));
  // Apps own no tables: they wire libs and call their services.
  for (const app of readdirSync(join(ROOT, 'apps'))) {
    const dir = join(ROOT, 'apps', app, 'src');
    try {
      if (statSync(dir).isDirectory()) scan(null, dir);
    } catch {
      /* an app without src/ (or not TypeScript) */
    }
  }
  return out;
}

describe('table ownership: no lib names a table it does not own', () => {
  const found = violations();

  it('every table of the migrations has an owner', () => {
    const dir = join(ROOT, 'libs/core/src/database/migrations');
    const created = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map((m) => m[1]),
    );
    expect(created.filter((t) => !TABLE_OWNER[t])).toEqual([]);
  });

  it('finds no violation outside the allowlist', () => {
    const fresh = found.filter((v) => !ALLOWED_VIOLATIONS[v.key]).map((v) => `${v.key} (line ${v.line})`);
    expect(fresh).toEqual([]);
  });

  it('the allowlist lists only violations that still exist (remove an entry once it is fixed)', () => {
    const keys = new Set(found.map((v) => v.key));
    expect(Object.keys(ALLOWED_VIOLATIONS).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('the detector sees raw SQL, query-builder table names and foreign entities', () => {
    // Guards the regexes themselves: each form must be recognised.
    expect('SELECT 1 FROM offer o JOIN slot s ON s.id = o.slot_id'.match(SQL_TABLE)).toHaveLength(2);
    expect(`qb.innerJoin('pathway', 'p', 'p.id = x')`.match(QB_TABLE)).toHaveLength(1);
    expect([...'m.findOne(Offer, { where: {} })'.matchAll(ENTITY_USE)].map((m) => m[1])).toEqual(['Offer']);
    expect(entityTables().get('Offer')).toBe('offer');
    expect('the pathway is waiting; go from WAITING'.match(SQL_TABLE)).toBeNull();
  });
});

describe('docs/architecture.md states the owner of each table', () => {
  it('its table lists exactly the owner map', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const rows = [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*([a-z]+)\s*\|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(TABLE_OWNER);
  });
});
