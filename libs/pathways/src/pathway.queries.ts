import { CancerArea, Modality, query, SqlRunner } from '@app/core';
import { PreferenceFacts } from './exclusions';
import { PathwayPhase, PathwayStatus } from './pathway.entities';
import { PATHWAY_OFFER_MOVES } from './pathway-status';

/**
 * The pathway table's reads for other libs (pathways owns `pathway`): typed functions on the caller's runner (the
 * DataSource, or its transaction's manager), and one SQL builder for createOffer's one-statement write. Open means
 * WAITING or OFFERED; at risk is the generated column `pathway.at_risk` (the one source of that rule).
 */

/** An at-risk WAITING pathway for the allocation proposal, with the preferences its wishes are built from. */
export interface AtRiskPathway extends PreferenceFacts {
  id: string;
  reference: string;
  region_code: number;
  modality: Modality;
  deadline: string;
  home_municipality_code: number;
}

/** At-risk WAITING pathways of an area (and modality, and regions when given), earliest deadline first. */
export function atRiskWaitingPathways(
  db: SqlRunner,
  q: { cancerArea: CancerArea; modality: Modality | null; regionCodes: number[] | null },
): Promise<AtRiskPathway[]> {
  return query<AtRiskPathway>(
    db,
    `SELECT id, reference, region_code, modality, deadline, home_municipality_code,
            max_travel_km AS "maxTravelKm", accepts_abroad AS "acceptsAbroad", accepts_private AS "acceptsPrivate", not_before AS "notBefore"
       FROM pathway
      WHERE cancer_area = $1 AND status = $2 AND at_risk
        AND ($3::text IS NULL OR modality = $3) AND ($4::int[] IS NULL OR region_code = ANY($4))
      ORDER BY deadline, id`,
    [q.cancerArea, PathwayStatus.WAITING, q.modality, q.regionCodes],
  );
}

/** Open pathways of one area per effective region on `on`: how many, how many at risk, median days to the deadline. */
export function openPathwaysByRegion(
  db: SqlRunner,
  area: CancerArea,
  on: string,
): Promise<{ region: number; open: number; at_risk: number; median_days: number | null }[]> {
  return query(
    db,
    `SELECT effective_region(region_code, $2::date) AS region, count(*)::int AS open, count(*) FILTER (WHERE at_risk)::int AS at_risk,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS median_days
       FROM pathway WHERE cancer_area = $1 AND status IN ('WAITING','OFFERED') GROUP BY 1`,
    [area, on],
  );
}

/** Open pathways of some areas per effective region (on `asOf`), area and phase: counts and days-left percentiles. */
export function openPathwaysByRegionAndPhase(
  db: SqlRunner,
  areas: CancerArea[],
  asOf: string,
): Promise<
  {
    region: number;
    cancer_area: CancerArea;
    phase: PathwayPhase;
    open: number;
    at_risk: number;
    median: number | null;
    p90: number | null;
  }[]
> {
  return query(
    db,
    `SELECT effective_region(region_code, $2::date) AS region, cancer_area, phase, count(*)::int AS open,
            count(*) FILTER (WHERE at_risk)::int AS at_risk,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY deadline - $2::date)::float8 AS p90
       FROM pathway WHERE status IN ('WAITING','OFFERED') AND cancer_area = ANY($1)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [areas, asOf],
  );
}

/** A pathway with its stratum: the effective region on a given day (merged regions form one stratum). */
export interface PathwayStratum {
  id: string;
  stratum: number;
  deadline: string;
}

const stratumRows = async (db: SqlRunner, sql: string, params: unknown[]): Promise<PathwayStratum[]> =>
  (await query<PathwayStratum>(db, sql, params)).map((r) => ({ ...r, stratum: Number(r.stratum) }));

/** Pathways of an area treated from `from` to `to` (inclusive) after their deadline; stratum on `to`. */
export function treatedLatePathways(db: SqlRunner, area: string, from: string, to: string): Promise<PathwayStratum[]> {
  return stratumRows(
    db,
    `SELECT id, effective_region(region_code, $3::date) AS stratum, deadline FROM pathway
      WHERE cancer_area = $1 AND treated_on BETWEEN $2 AND $3 AND treated_on > deadline`,
    [area, from, to],
  );
}

/**
 * Pathways of an area whose deadline fell from `from` to `to` (inclusive) and before `asOf`, not treated by it;
 * stratum on `to`.
 */
export function deadlineMissedPathways(
  db: SqlRunner,
  area: string,
  from: string,
  to: string,
  asOf: string,
): Promise<PathwayStratum[]> {
  return stratumRows(
    db,
    `SELECT id, effective_region(region_code, $3::date) AS stratum, deadline FROM pathway
      WHERE cancer_area = $1 AND deadline BETWEEN $2 AND $3 AND deadline < $4::date AND (treated_on IS NULL OR treated_on > deadline)`,
    [area, from, to, asOf],
  );
}

/** These pathways (of an area) with their stratum on `on`. */
export function pathwayStrata(
  db: SqlRunner,
  area: string,
  ids: readonly string[],
  on: string,
): Promise<PathwayStratum[]> {
  return stratumRows(
    db,
    `SELECT id, effective_region(region_code, $3::date) AS stratum, deadline FROM pathway
      WHERE cancer_area = $1 AND id = ANY($2::uuid[])`,
    [area, [...ids], on],
  );
}

/**
 * createOffer's WAITING → OFFERED as a CTE of its one-statement write (offers sits above pathways and writes the
 * offer, slot hold, audit and outbox rows in one round trip): conditional on the status, only `when` the offer row
 * was written. The pathway.offered audit row is the caller's (its before/after snapshots are built in TypeScript).
 */
/**
 * For one statement that changes a pathway optimistically (read earlier without a lock, see PathwaysService.forWrite):
 * locks the row only if it is still at `version` and in `status`, so a concurrent change makes it select nothing and
 * the statement's other writes, made conditional on it, do nothing. A CTE body; yields the id.
 */
export function pathwayLockIfUnchangedSql(p: { id: string; version: string; status: string }): string {
  return `SELECT id FROM pathway WHERE id = ${p.id} AND version = ${p.version} AND status = ${p.status} FOR UPDATE`;
}

/**
 * The pathway `id` as the JSON of its row (NULL if there is none), for another lib's one-statement read (createOffer);
 * PathwaysService.forWriteFromJson makes it the entity. A scalar subquery.
 */
export const pathwayJsonSql = (id: string): string => `(SELECT to_jsonb(p) FROM pathway p WHERE p.id = ${id})`;

/** The patient's answers of pathway `id` as a JSON array, oldest first (PathwaysService.answersFromJson). A scalar subquery. */
export const patientAnswersJsonSql = (id: string): string =>
  `(SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.answered_at), '[]'::jsonb) FROM pathway_answer a WHERE a.pathway_id = ${id})`;

export function pathwayOfferedSql(p: { id: string; updatedAt: string; when: string }): string {
  const { from, to } = PATHWAY_OFFER_MOVES.offer;
  return `UPDATE pathway SET status = '${to}', updated_at = ${p.updatedAt}, version = version + 1
     WHERE id = ${p.id} AND status = '${from[0]}' AND ${p.when} RETURNING id`;
}
