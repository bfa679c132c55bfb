/**
 * SQL builders over the provider table (reference owns it) for statements of other libs that must read a provider in
 * the same round trip. Parameters are placeholders (`'$3'`) or SQL expressions of the caller's statement.
 */

/** The provider's country (ISO 3166-1 alpha-2) as a scalar subquery. */
export const providerCountrySql = (providerId: string): string =>
  `(SELECT p.country FROM provider p WHERE p.id = ${providerId})`;

/**
 * Providers of an area and modality, with their distance from a home point (geo_distance_km, the exchange's one
 * measure): outside the regions `excludedRegions` (int[]; providers abroad have none), not of a kind in
 * `excludedKinds` (text[]; 'FOREIGN' there excludes every provider outside Denmark), within `maxKm` and strictly
 * nearer than `nearerThanKm` (float8 or NULL). Columns: id, kind, country, region_code, distance_km.
 */
export function providersNearSql(p: {
  area: string;
  modality: string;
  lat: string;
  lon: string;
  excludedRegions: string;
  excludedKinds: string;
  maxKm: string;
  nearerThanKm: string;
}): string {
  return `SELECT * FROM (
      SELECT p.id, p.kind, p.country, p.region_code, geo_distance_km(${p.lat}, ${p.lon}, p.lat, p.lon) AS distance_km
        FROM provider p
       WHERE ${p.area} = ANY(p.cancer_areas) AND ${p.modality} = ANY(p.modalities)
         AND (p.region_code IS NULL OR NOT (p.region_code = ANY(${p.excludedRegions}::int[])))
         AND NOT (p.kind = ANY(${p.excludedKinds}::text[])) AND NOT ('FOREIGN' = ANY(${p.excludedKinds}::text[]) AND p.country <> 'DK')
    ) x
     WHERE (${p.maxKm}::float8 IS NULL OR x.distance_km <= ${p.maxKm}) AND (${p.nearerThanKm}::float8 IS NULL OR x.distance_km < ${p.nearerThanKm})`;
}
