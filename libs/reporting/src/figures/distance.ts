import type { SectionDef } from './types';

/**
 * Issue 22, "Afslag og afstand": offers, acceptances and declines by distance band (category) and provider kind,
 * nationally and per region. The distance is the exchange's one measure, SQL geo_distance_km from the patient's home
 * municipality centroid to the provider, banded by distance_band (both from migration 1764000001300; the matching's
 * acceptance rates use the same bands).
 */
export const DISTANCE_BANDS_DA: Record<string, string> = {
  '0-25': '0–25 km',
  '25-50': '25–50 km',
  '50-100': '50–100 km',
  '100-200': '100–200 km',
  '200+': 'Over 200 km',
  ABROAD: 'Udlandet',
};
export const DISTANCE_BAND_ORDER: readonly string[] = Object.keys(DISTANCE_BANDS_DA);

export const DISTANCE_SECTION: SectionDef = {
  key: 'distance',
  title: 'Afslag og afstand',
  intro:
    'Tilbud givet i perioden fordelt på afstanden fra patientens bopælskommune til behandlingsstedet og udbyderens type: hvor langt vil patienterne rejse? Hele landet og pr. bopælsregion.',
  dims: ['region', 'providerKind'],
  category: { label: 'Afstand', kind: 'distanceBand', totals: true },
  source: `SELECT ro.eff::text AS region, o.provider_kind, o.status,
       distance_band(o.provider_country, geo_distance_km(m.lat, m.lon, pr.lat, pr.lon)) AS category
  FROM offer o
  JOIN pathway pw ON pw.id = o.pathway_id
  JOIN municipality m ON m.code = pw.home_municipality_code
  JOIN provider pr ON pr.id = o.provider_id
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.offered_on >= $1 AND o.offered_on < $2`,
  figures: [
    {
      key: 'distance.offers',
      label: 'Tilbud givet',
      unit: 'count',
      definition:
        'Tilbud med tilbudsdato i perioden pr. afstandsbånd: storcirkelafstand (haversine, 0,1 km) fra bopælskommunens midtpunkt til behandlingsstedet, 0–25, 25–50, 50–100, 100–200, over 200 km, eller udlandet (udbyder uden for Danmark). Intervallerne er halvåbne (25,0 km hører til 25–50 km).',
      sql: 'count(*)',
    },
    {
      key: 'distance.accepted',
      label: 'Accepteret',
      unit: 'count',
      definition: 'Tilbud i afstandsbåndet, som patienten accepterede.',
      sql: "count(*) FILTER (WHERE status = 'ACCEPTED')",
    },
    {
      key: 'distance.declined',
      label: 'Afslået',
      unit: 'count',
      definition: 'Tilbud i afstandsbåndet, som patienten afslog.',
      sql: "count(*) FILTER (WHERE status = 'DECLINED')",
    },
    {
      key: 'distance.accepted_share',
      label: 'Andel accepteret af besvarede',
      unit: 'share',
      definition:
        'Accepterede ÷ (accepterede + afslåede) tilbud i afstandsbåndet; ubesvarede, udløbne og tilbagetrukne indgår ikke (0–1, fire decimaler).',
      sql: "round(count(*) FILTER (WHERE status = 'ACCEPTED')::numeric / NULLIF(count(*) FILTER (WHERE status IN ('ACCEPTED','DECLINED')), 0), 4)",
    },
  ],
};
