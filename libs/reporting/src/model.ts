import { DISTANCE_BAND_ORDER } from './figures/distance';
import { FigureRow } from './figures/query';
import { ALL, CategoryDef, Dim, NONE, SECTIONS, Unit } from './figures/registry';
import {
  CANCER_AREA_ORDER,
  COUNTRY_ORDER,
  DECISION_KIND_ORDER,
  DECLINE_REASON_ORDER,
  FINDING_ORDER,
  OUTCOME_ORDER,
  PROVIDER_KIND_ORDER,
} from './labels';
import { ReportPeriod } from './period';

export const REPORT_FORMAT_VERSION = 2;
export const REPORT_TITLE = 'Årlig statusrapport om kapacitet';

export interface RegionInfo {
  code: number;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  successorCode: number | null;
}

export interface SectionInfo {
  key: string;
  title: string;
  intro: string;
  dims: Dim[];
  category: CategoryDef | null;
  source: string;
  figures: { key: string; label: string; unit: Unit; definition: string; sql: string }[];
}

/** One sample audit whose audited period overlaps the report's, with its findings (libs/audits' tables). */
export interface AuditSummary {
  id: string;
  title: string;
  cancerArea: string;
  criterion: string;
  periodFrom: string;
  periodTo: string;
  seed: number;
  perRegion: number;
  population: number;
  sampled: number;
  status: string;
  conclusion: string | null;
  met: number;
  notMet: number;
  unclear: number;
  notAssessed: number;
}

/** Everything the renderers need; a pure function of the database contents for the period. */
export interface ReportData {
  formatVersion: number;
  title: string;
  period: { year: number; quarter: number | null; from: string; lastDay: string; months: string[] };
  dimensions: {
    cancerAreas: { code: string; name: string }[];
    regions: RegionInfo[];
  };
  sections: SectionInfo[];
  /** Sample audits of the period, oldest period first (the "Stikprøver" section lists them). */
  audits: AuditSummary[];
  rows: FigureRow[];
}

export function reportTitle(year: number, quarter: number | null): string {
  return quarter ? `${REPORT_TITLE} ${year} – ${quarter}. kvartal` : `${REPORT_TITLE} ${year}`;
}

/** ALL first, then the canonical order, then anything unknown by code points, "none" last. */
function ranker(order: readonly string[]): (v: string) => [number, string] {
  const index = new Map(order.map((v, i) => [v, i]));
  return (v) => (v === ALL ? [-1, ''] : v === NONE ? [order.length + 1, ''] : [index.get(v) ?? order.length, v]);
}
const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function compareRank(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || byCodePoints(a[1], b[1]);
}

const rankArea = ranker(CANCER_AREA_ORDER);
const rankKind = ranker(PROVIDER_KIND_ORDER);
const rankCategory = ranker([
  ...DECLINE_REASON_ORDER,
  ...DECISION_KIND_ORDER,
  ...OUTCOME_ORDER,
  ...DISTANCE_BAND_ORDER,
  ...COUNTRY_ORDER,
  ...FINDING_ORDER,
]);
const rankPlain = ranker([]);
const FIXED_DIMS = new Map(SECTIONS.flatMap((s) => s.figures.map((f) => [f.key, s.fixed ?? {}] as const)));
const figureIndex = new Map(SECTIONS.flatMap((s) => s.figures.map((f) => f.key)).map((k, i) => [k, i]));

/** Order of two values of one dimension: ALL first, canonical code order, unknown codes by code points, none last. */
export function compareDimValues(dim: Dim | 'category', a: string, b: string): number {
  const rank =
    dim === 'cancerArea' ? rankArea : dim === 'providerKind' ? rankKind : dim === 'category' ? rankCategory : rankPlain;
  return compareRank(rank(a), rank(b));
}

/** The one row order of every output: registry order of figures, then the dimensions in column order. */
export function compareRows(a: FigureRow, b: FigureRow): number {
  return (
    (figureIndex.get(a.figure) ?? -1) - (figureIndex.get(b.figure) ?? -1) ||
    compareDimValues('cancerArea', a.cancerArea, b.cancerArea) ||
    compareDimValues('region', a.region, b.region) ||
    compareDimValues('providerKind', a.providerKind, b.providerKind) ||
    compareDimValues('month', a.month, b.month) ||
    compareDimValues('category', a.category, b.category)
  );
}

export function assembleReport(
  period: ReportPeriod,
  dimensions: ReportData['dimensions'],
  rows: FigureRow[],
  audits: AuditSummary[] = [],
): ReportData {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    title: reportTitle(period.year, period.quarter),
    period: {
      year: period.year,
      quarter: period.quarter,
      from: period.from,
      lastDay: period.lastDay,
      months: period.months,
    },
    dimensions,
    sections: SECTIONS.map((s) => ({
      key: s.key,
      title: s.title,
      intro: s.intro,
      dims: s.dims,
      category: s.category ? { ...s.category } : null,
      source: s.source,
      figures: s.figures.map((f) => ({
        key: f.key,
        label: f.label,
        unit: f.unit,
        definition: f.definition,
        sql: f.sql,
      })),
    })),
    audits: audits.map((a) => ({ ...a })),
    rows: [...rows].sort(compareRows),
  };
}

export type RowSelector = Partial<Omit<FigureRow, 'figure' | 'value'>>;

/** A dimension a section holds constant (provider kind FOREIGN for offers abroad), if any. */
export function fixedDim(figure: string, dim: Dim): string | undefined {
  return FIXED_DIMS.get(figure)?.[dim];
}

/** Looks values up by figure and dimensions; unspecified dimensions mean the total (ALL), category none. */
export class FigureIndex {
  private readonly map = new Map<string, number | null>();

  constructor(rows: FigureRow[]) {
    for (const r of rows) this.map.set(FigureIndex.key(r.figure, r), r.value);
  }

  /** Dimensions a section fixes (provider kind FOREIGN abroad) need not be named by the caller. */
  private static key(figure: string, s: RowSelector): string {
    const dim = (d: Dim) => s[d] ?? fixedDim(figure, d) ?? ALL;
    return [figure, dim('cancerArea'), dim('region'), dim('providerKind'), dim('month'), s.category ?? NONE].join('|');
  }

  has(figure: string, s: RowSelector = {}): boolean {
    return this.map.has(FigureIndex.key(figure, s));
  }

  /** The value, null when the figure is undefined there (e.g. a share of nothing), 0 when there were no rows. */
  get(figure: string, s: RowSelector = {}): number | null {
    const k = FigureIndex.key(figure, s);
    return this.map.has(k) ? this.map.get(k)! : 0;
  }
}
