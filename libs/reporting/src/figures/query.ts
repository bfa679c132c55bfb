import { ReportPeriod } from '../period';
import { SectionDef } from './registry';
import { sectionSql } from './sql';

/** One value of one figure at one combination of dimension values (a row of the tidy table). */
export interface FigureRow {
  figure: string;
  cancerArea: string;
  region: string;
  providerKind: string;
  month: string;
  category: string;
  value: number | null;
}

/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner, or a pg client wrapper (bench). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

type SectionRecord = Record<string, string | number | null>;

/** numeric arrives as a string and bigint counts as numbers (see data-source.ts); both become numbers. */
const toNumber = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** Runs a section's aggregate and unpivots it into one FigureRow per figure and group (unsorted). */
export async function querySection(db: Queryable, section: SectionDef, period: ReportPeriod): Promise<FigureRow[]> {
  const records = (await db.query(sectionSql(section), [period.from, period.to])) as SectionRecord[];
  const rows: FigureRow[] = [];
  for (const r of records) {
    section.figures.forEach((f, i) => {
      rows.push({
        figure: f.key,
        cancerArea: String(r.d_cancer_area),
        region: String(r.d_region),
        providerKind: String(r.d_provider_kind),
        month: String(r.d_month),
        category: String(r.d_category),
        value: toNumber(r[`f${i}`]),
      });
    });
  }
  return rows;
}
