import { addDays, computeDeadline, type Phase, todayInCopenhagen } from '@app/deadline';
import { EntityManager } from 'typeorm';

/** Deterministic pseudo-random numbers so the demo looks the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLOT_PROVIDERS = [
  'rm-aarhus-universitetshospital', 'rsd-odense-universitetshospital', 'rn-aalborg-universitetshospital', 'rh-herlev-hospital',
  'rsj-naestved-sygehus', 'priv-aleris-aarhus', 'de-uksh-kiel', 'se-sahlgrenska-goeteborg',
];
const HOME_MUNICIPALITIES = [101, 147, 151, 330, 350, 461, 561, 751, 791, 851, 860];
const PLANS: [Phase, string][] = [['DIAGNOSTIC', 'DIAGNOSTIC'], ['PRIMARY_TREATMENT', 'SURGERY'], ['PRIMARY_TREATMENT', 'RADIOTHERAPY'], ['ADJUVANT_TREATMENT', 'CHEMOTHERAPY']];
const AREAS = ['BREAST', 'LUNG', 'LOWER_GI', 'GYNAECOLOGICAL', 'URINARY', 'UPPER_GI'];

/**
 * Demo activity for `npm start` on an empty database: free slots for the next four weeks, open pathways (some at
 * risk) with deadlines from libs/deadline, one accepted offer and one offer abroad that the patient declined.
 * Runs only when there are no pathways yet, so a restarted demo keeps what the user did.
 */
export async function seedDemoActivity(m: EntityManager): Promise<{ slots: number; pathways: number; offers: number }> {
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM pathway`);
  if (n > 0) return { slots: 0, pathways: 0, offers: 0 };
  const random = prng(2026);
  const today = todayInCopenhagen();
  const providers: { id: string; key: string; cancer_areas: string[]; modalities: string[] }[] = await m.query(
    `SELECT id, key, cancer_areas, modalities FROM provider WHERE key = ANY($1)`, [SLOT_PROVIDERS]);
  let slots = 0;
  for (const p of providers) {
    for (let day = 2; day <= 28; day++) {
      const date = addDays(today, day);
      for (const area of AREAS.filter((a) => p.cancer_areas.includes(a))) {
        if (random() < 0.75) continue;
        const modality = p.modalities[Math.floor(random() * p.modalities.length)];
        const hour = 8 + Math.floor(random() * 7);
        await m.query(
          `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes)
           VALUES ($1, $2, $3, ($4::date + make_time($5, 0, 0)) AT TIME ZONE 'Europe/Copenhagen', 60) ON CONFLICT DO NOTHING`,
          [p.id, area, modality, date, hour],
        );
        slots++;
      }
    }
  }
  const munis: { code: number; region_code: number }[] = await m.query(`SELECT code, region_code FROM municipality WHERE code = ANY($1)`, [HOME_MUNICIPALITIES]);
  const pathwayIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const muni = munis[i % munis.length];
    const [phase, modality] = PLANS[i % PLANS.length];
    const clockStart = addDays(today, -Math.floor(random() * 20));
    const d = computeDeadline({ phase, clockStart });
    const expected = random() < 0.4 ? addDays(d.deadline, Math.floor(random() * 10) - 6) : null;
    const [row] = await m.query(
      `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, deadline, base_deadline, paused_days, rule_set, expected_date)
       VALUES ($1, effective_region($2, $3::date), $4, $5, $6, $7, $3, $8, $9, $10, $11, $12) RETURNING id`,
      [`DEMO-${String(i + 1).padStart(3, '0')}`, muni.region_code, clockStart, muni.code, AREAS[i % AREAS.length], phase, modality,
        d.deadline, d.baseDeadline, d.pausedDays, d.ruleSet, expected],
    );
    pathwayIds.push(row.id);
  }
  const offers = await seedTwoOffers(m, pathwayIds);
  await m.query(
    `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, after) VALUES ('system', 'demo.seed', 'demo', 'activity', $1)`,
    [JSON.stringify({ slots, pathways: pathwayIds.length, offers })],
  );
  return { slots, pathways: pathwayIds.length, offers };
}

/** One accepted offer at a public hospital in another region, and one offer abroad the patient declined (ABROAD). */
async function seedTwoOffers(m: EntityManager, pathwayIds: string[]): Promise<number> {
  let made = 0;
  for (const [kind, accept] of [['PUBLIC', true], ['FOREIGN', false]] as const) {
    const [pair] = await m.query(
      `SELECT pw.id AS pathway_id, pw.region_code, pw.cancer_area, pw.modality, pw.deadline, s.id AS slot_id, s.provider_id,
              s.starts_at, s.slot_date, p.country
         FROM pathway pw JOIN slot s ON s.cancer_area = pw.cancer_area AND s.modality = pw.modality AND s.status = 'FREE'
         JOIN provider p ON p.id = s.provider_id
        WHERE pw.id = ANY($1) AND pw.status = 'WAITING' AND s.provider_kind = $2
          AND (s.region_code IS NULL OR effective_region(s.region_code, current_date) <> effective_region(pw.region_code, current_date))
        ORDER BY pw.deadline, s.starts_at LIMIT 1`,
      [pathwayIds, kind],
    );
    if (!pair) continue;
    const status = accept ? 'ACCEPTED' : 'DECLINED';
    await m.query(
      `INSERT INTO offer (pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
                          slot_starts_at, slot_date, deadline_at_offer, offered_on, expires_at, responded_at, decline_reason, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, current_date, now() + interval '3 days', now(), $13, $14)`,
      [pair.pathway_id, pair.slot_id, status, pair.region_code, pair.cancer_area, pair.modality, pair.provider_id, kind, pair.country,
        pair.starts_at, pair.slot_date, pair.deadline, accept ? null : 'ABROAD', accept ? null : 'Ønsker ikke behandling i udlandet'],
    );
    if (accept) {
      await m.query(`UPDATE slot SET status = 'BOOKED' WHERE id = $1`, [pair.slot_id]);
      await m.query(`UPDATE pathway SET status = 'SCHEDULED', expected_date = $2 WHERE id = $1`, [pair.pathway_id, pair.slot_date]);
    }
    made++;
  }
  return made;
}
