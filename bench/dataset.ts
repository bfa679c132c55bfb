import { Client } from 'pg';
import { computeDeadline, addDays, todayInCopenhagen, type Phase } from '../libs/deadline/src';
import { prng } from './env';

/** The national benchmark data set shared by the capacity, pathway, matching and offer benchmarks. */
export const AREAS = ['BREAST', 'LUNG', 'URINARY', 'GYNAECOLOGICAL', 'UPPER_GI', 'LOWER_GI'];
export const MODALITIES = ['DIAGNOSTIC', 'SURGERY', 'CHEMOTHERAPY', 'RADIOTHERAPY'];
export const DAYS = 180;
const EXTRA_PROVIDERS = 100;
const HOURS = [8, 9, 10, 11, 12, 13, 14, 15, 16];

/** 100 more providers (all kinds, every region and abroad) and ~220,000 slots over the next 180 days, in SQL. */
export async function generateSlots(db: Client): Promise<{ providers: number; slots: number }> {
  await db.query(
    `INSERT INTO provider (key, name, kind, region_code, country, lat, lon, cancer_areas, modalities)
     SELECT 'bench-' || g, 'Benchhospital ' || g,
            CASE WHEN g % 10 = 0 THEN 'FOREIGN' WHEN g % 5 = 0 THEN 'PRIVATE' ELSE 'PUBLIC' END,
            CASE WHEN g % 10 = 0 THEN NULL ELSE 1081 + g % 5 END,
            CASE WHEN g % 10 = 0 THEN 'DE' ELSE 'DK' END,
            54.8 + (g % 30) * 0.1, 8.5 + (g % 40) * 0.1, $2::text[], $3::text[]
     FROM generate_series(1, $1) AS g`,
    [EXTRA_PROVIDERS, AREAS, MODALITIES],
  );
  // One slot per provider and working hour; area, modality and status spread deterministically over the offers.
  await db.query(
    `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, status)
     SELECT p.id,
            p.cancer_areas[1 + (abs(hashtext(p.id::text || d || h)) % cardinality(p.cancer_areas))],
            p.modalities[1 + (abs(hashtext(h || p.id::text || d)) % cardinality(p.modalities))],
            ((date_trunc('day', now() AT TIME ZONE 'Europe/Copenhagen') + (d + 1) * interval '1 day' + h * interval '1 hour')
              AT TIME ZONE 'Europe/Copenhagen'),
            60,
            CASE WHEN (d * 31 + h) % 20 = 0 THEN 'BOOKED' WHEN (d * 31 + h) % 20 = 1 THEN 'HELD'
                 WHEN (d * 31 + h) % 20 = 2 THEN 'WITHDRAWN' ELSE 'FREE' END
     FROM provider p CROSS JOIN generate_series(0, $1 - 1) AS d CROSS JOIN unnest($2::int[]) AS h`,
    [DAYS, HOURS],
  );
  await db.query('ANALYZE slot');
  const [{ providers, slots }] = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM provider) AS providers, (SELECT count(*)::int FROM slot) AS slots`,
    )
  ).rows;
  return { providers, slots };
}

const PHASE_MODALITY: [Phase, string][] = [
  ['DIAGNOSTIC', 'DIAGNOSTIC'],
  ['PRIMARY_TREATMENT', 'SURGERY'],
  ['PRIMARY_TREATMENT', 'RADIOTHERAPY'],
  ['ADJUVANT_TREATMENT', 'CHEMOTHERAPY'],
];

/**
 * `count` open pathways over all municipalities, areas and phases, clock starts in the last 40 days, a third with an
 * expected date. Deadlines come from libs/deadline's computeDeadline, as in the service; rows go in by unnest batches.
 */
export async function generatePathways(db: Client, count: number, seed = 11): Promise<number> {
  const random = prng(seed);
  const munis: { code: number; region_code: number }[] = (
    await db.query(`SELECT code, region_code FROM municipality ORDER BY code`)
  ).rows;
  const today = todayInCopenhagen();
  const BATCH = 5000;
  for (let offset = 0; offset < count; offset += BATCH) {
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    for (let i = offset; i < Math.min(count, offset + BATCH); i++) {
      const m = munis[Math.floor(random() * munis.length)];
      const [phase, modality] = PHASE_MODALITY[Math.floor(random() * PHASE_MODALITY.length)];
      const clockStart = addDays(today, -Math.floor(random() * 40));
      const d = computeDeadline({ phase, clockStart });
      const expected = random() < 0.33 ? addDays(clockStart, Math.floor(random() * 40)) : null;
      const row = [
        `BENCH-${i}`,
        m.region_code,
        m.code,
        AREAS[i % AREAS.length],
        phase,
        modality,
        clockStart,
        d.deadline,
        d.baseDeadline,
        d.ruleSet,
        expected,
      ];
      row.forEach((v, k) => cols[k].push(v));
    }
    await db.query(
      `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, deadline, base_deadline, rule_set, expected_date)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::date[], $10::text[], $11::date[])`,
      cols,
    );
  }
  await db.query('ANALYZE pathway');
  return count;
}
