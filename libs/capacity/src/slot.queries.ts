import { CancerArea, Modality, ProviderKind, query, SqlRunner } from '@app/core';
import { providerCountrySql } from '@app/reference';

/**
 * The slot table's reads for other libs (capacity owns `slot`): typed functions on the caller's runner (the
 * DataSource, or its transaction's manager), and SQL builders for the few statements that must span owners in one
 * round trip. Parameters of a builder are placeholders (`'$3'`) or SQL expressions of the caller's statement.
 */

/**
 * Offerable means: FREE, starting after `now`, and public or covered by an agreement on the slot date (the agreement
 * rule's SQL form, `agreement_valid_to`). `s` is the slot alias.
 */
const offerable = (now: string) => `s.status = 'FREE' AND s.starts_at > ${now}
  AND (s.provider_kind = 'PUBLIC' OR agreement_valid_to(s.provider_id, s.cancer_area, s.modality, s.slot_date) IS NOT NULL)`;

/** The slot an offer is made for, with its provider's country. */
export interface OfferSlot {
  id: string;
  provider_id: string;
  cancer_area: CancerArea;
  modality: Modality;
  starts_at: Date;
  slot_date: string;
  status: string;
  region_code: number | null;
  provider_kind: ProviderKind;
  country: string;
}

/**
 * The slot `id` an offer is made for (its OfferSlot columns), as a subquery of another lib's one-statement read
 * (createOffer reads the pathway, the slot and the patient's answers in one round trip). No row if there is none.
 */
export const offerSlotSql = (id: string): string =>
  `SELECT s.id, s.provider_id, s.cancer_area, s.modality, s.starts_at, s.slot_date, s.status, s.region_code, s.provider_kind,
          ${providerCountrySql('s.provider_id')} AS country
     FROM slot s WHERE s.id = ${id}`;

/**
 * FREE → HELD for the pathway's region as a statement (or CTE) of another lib's one-statement write: the conditional
 * update is the race arbiter (a concurrent hold blocks on the row, then finds it HELD and returns no row).
 * The slot.hold audit row is the caller's (it knows the offer).
 */
export const slotHoldSql = (p: { slot: string; heldForRegion: string; when?: string }): string =>
  `UPDATE slot SET status = 'HELD', held_for_region_code = ${p.heldForRegion}, updated_at = now()
    WHERE id = ${p.slot} AND status = 'FREE'${p.when ? ` AND ${p.when}` : ''} RETURNING id`;

/**
 * Offerable slots of one provider, for a candidate search in another lib's statement (e.g. in a LATERAL join per
 * provider): of `area`/`modality`, not among `excludedIds` (uuid[]), not before `notBefore` (date or NULL), plus the
 * caller's `where` on the columns; the first `limit` in time. Columns: id, provider_id, starts_at, slot_date,
 * duration_minutes, region_code. Served by the partial FREE-slot index on (provider, area, modality, starts_at).
 */
export function offerableSlotsOfProviderSql(p: {
  provider: string;
  area: string;
  modality: string;
  now: string;
  excludedIds: string;
  notBefore: string;
  where: string;
  limit: string;
}): string {
  return `SELECT s.id, s.provider_id, s.starts_at, s.slot_date, s.duration_minutes, s.region_code FROM slot s
     WHERE s.provider_id = ${p.provider} AND s.cancer_area = ${p.area} AND s.modality = ${p.modality} AND ${offerable(p.now)}
       AND NOT (s.id = ANY(${p.excludedIds})) AND (${p.notBefore} IS NULL OR s.slot_date >= ${p.notBefore}) AND ${p.where}
     ORDER BY s.starts_at, s.id LIMIT ${p.limit}`;
}

/** An offerable slot for the allocation proposal. */
export interface OfferableSlot {
  id: string;
  provider_id: string;
  slot_date: string;
  starts_at: Date;
  modality: Modality;
}

/** Offerable slots of an area (and modality) dated from `from` to `to` (inclusive, open when null), in time order. */
export function offerableSlots(
  db: SqlRunner,
  q: { cancerArea: CancerArea; modality: Modality | null; from: string; to: string | null; now: Date },
): Promise<OfferableSlot[]> {
  return query<OfferableSlot>(
    db,
    `SELECT s.id, s.provider_id, s.slot_date, s.starts_at, s.modality FROM slot s
      WHERE ${offerable('$5')} AND s.cancer_area = $1 AND ($2::text IS NULL OR s.modality = $2)
        AND s.slot_date >= $3::date AND ($4::date IS NULL OR s.slot_date <= $4::date)
      ORDER BY s.starts_at, s.id`,
    [q.cancerArea, q.modality, q.from, q.to, q.now],
  );
}

/** FREE slots of an area dated in [from, to), counted per effective region (on `on`), modality and provider kind. */
export function freeSlotCounts(
  db: SqlRunner,
  q: { cancerArea: CancerArea; from: string; to: string; on: string },
): Promise<{ region: number | null; modality: Modality; provider_kind: ProviderKind; n: number }[]> {
  return query(
    db,
    `SELECT effective_region(region_code, $4::date) AS region, modality, provider_kind, count(*)::int AS n
       FROM slot WHERE cancer_area = $1 AND status = 'FREE' AND slot_date >= $2::date AND slot_date < $3::date
      GROUP BY 1, 2, 3 ORDER BY 2, 3`,
    [q.cancerArea, q.from, q.to, q.on],
  );
}

/** The region of each slot (null abroad), by id. */
export async function slotRegionCodes(db: SqlRunner, ids: readonly string[]): Promise<Map<string, number | null>> {
  const rows = await query<{ id: string; region_code: number | null }>(
    db,
    `SELECT id, region_code FROM slot WHERE id = ANY($1::uuid[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.region_code]));
}
