import { CancerArea, query, SqlRunner } from '@app/core';

/**
 * The offer table's reads for other libs (offers owns `offer`): typed functions on the caller's runner (the
 * DataSource, or its transaction's manager).
 */

/** Offers of an area made from `from` to `to` (inclusive): the slot and the pathway's region. */
export function offersMadeBetween(
  db: SqlRunner,
  area: CancerArea,
  from: string,
  to: string,
): Promise<{ slot_id: string; region_code: number }[]> {
  return query(
    db,
    `SELECT slot_id, region_code FROM offer WHERE cancer_area = $1 AND offered_on >= $2::date AND offered_on <= $3::date`,
    [area, from, to],
  );
}

/** Pathways of an area with an offer made from `from` to `to` (inclusive) that the patient declined. */
export async function pathwaysWithDeclinedOffer(
  db: SqlRunner,
  area: string,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await query<{ pathway_id: string }>(
    db,
    `SELECT DISTINCT pathway_id FROM offer
      WHERE cancer_area = $1 AND status = 'DECLINED' AND offered_on BETWEEN $2::date AND $3::date`,
    [area, from, to],
  );
  return rows.map((r) => r.pathway_id);
}

/** Of these pathways, those offered anything on or before the given day (each its own, e.g. its deadline). */
export async function pathwaysOfferedBy(
  db: SqlRunner,
  byDay: readonly { id: string; day: string }[],
): Promise<Set<string>> {
  const rows = await query<{ pathway_id: string }>(
    db,
    `SELECT DISTINCT o.pathway_id FROM offer o
       JOIN unnest($1::uuid[], $2::date[]) AS x(id, day) ON o.pathway_id = x.id
      WHERE o.offered_on <= x.day`,
    [byDay.map((p) => p.id), byDay.map((p) => p.day)],
  );
  return new Set(rows.map((r) => r.pathway_id));
}
