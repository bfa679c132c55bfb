/** The shapes of the report's figure registry (kept apart so section modules can use them without a cycle). */

export type Dim = 'cancerArea' | 'region' | 'providerKind' | 'month';
export const DIMS: readonly Dim[] = ['cancerArea', 'region', 'providerKind', 'month'];
/** The column each dimension has in a section's source. */
export const DIM_COLUMN: Record<Dim, string> = {
  cancerArea: 'cancer_area',
  region: 'region',
  providerKind: 'provider_kind',
  month: 'month',
};

/** Dimension value of a total over that dimension (and of dimensions a figure does not have). */
export const ALL = 'ALL';
/** Dimension value "none", e.g. the region of a foreign provider or the provider kind when no offer was accepted. */
export const NONE = '';

export type Unit = 'count' | 'days' | 'share' | 'dkk';

export interface FigureDef {
  key: string;
  label: string;
  unit: Unit;
  definition: string;
  /** Aggregate expression over the section's source rows. */
  sql: string;
}

export type CategoryKind = 'declineReason' | 'decisionKind' | 'outcome' | 'distanceBand' | 'country' | 'finding';

export interface CategoryDef {
  label: string;
  kind: CategoryKind;
  totals?: boolean;
}

export interface SectionDef {
  key: string;
  title: string;
  intro: string;
  /** The sentence the report prints instead of tables and charts when the section has nothing in the period. */
  empty?: string;
  dims: Dim[];
  /** Dimensions that are constant in the section (e.g. provider kind FOREIGN for offers abroad). */
  fixed?: Partial<Record<Dim, string>>;
  /**
   * An extra dimension every row of the section is split by (decline reason, decision kind, outcome). With `totals`
   * the section is also grouped without it: those rows have category none ('') and hold the total over categories.
   */
  category?: CategoryDef;
  /** SELECT producing one row per counted thing, with the dimension columns and the figures' inputs. */
  source: string;
  figures: FigureDef[];
}
