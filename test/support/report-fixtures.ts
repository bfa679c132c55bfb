import { addDays } from '@app/deadline';
import { DataSource } from 'typeorm';
import { TestApp, waitFor } from './harness';

/** Fixture rows written directly (the domain services have their own tests); columns as the services write them. */
export async function insertSlot(
  db: DataSource,
  providerKey: string,
  area: string,
  date: string,
  status: string,
  modality = 'SURGERY',
): Promise<string> {
  const rows = await db.query(
    `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, status, seq)
     SELECT id, $2, $5, ($3::date + time '10:00') AT TIME ZONE 'Europe/Copenhagen', 60, $4,
            (SELECT count(*) FROM slot)::int + floor(random() * 1000000)::int FROM provider WHERE key = $1
     RETURNING id`,
    [providerKey, area, date, status, modality],
  );
  if (!rows[0]) throw new Error(`no provider ${providerKey}`);
  return rows[0].id;
}

export async function insertPathway(
  db: DataSource,
  ref: string,
  p: {
    region: number;
    municipality: number;
    area: string;
    clockStart: string;
    status?: string;
    treatedOn?: string | null;
    deadline?: string;
  },
): Promise<string> {
  const deadline = p.deadline ?? addDays(p.clockStart, 28);
  const rows = await db.query(
    `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, status, treated_on, deadline, base_deadline, rule_set)
     VALUES ($1, $2, $3, $4, 'PRIMARY_TREATMENT', 'SURGERY', $5, $6, $7, $8, $8, 'DK-2024') RETURNING id`,
    [ref, p.region, p.municipality, p.area, p.clockStart, p.status ?? 'WAITING', p.treatedOn ?? null, deadline],
  );
  return rows[0].id;
}

/** Offer with the snapshot columns taken from pathway and slot, as OffersService writes them. */
export async function insertOffer(
  db: DataSource,
  pathwayId: string,
  slotId: string,
  status: string,
  offeredOn: string,
  reason?: string,
): Promise<string> {
  const rows = await db.query(
    `INSERT INTO offer (pathway_id, slot_id, status, region_code, cancer_area, modality, provider_id, provider_kind, provider_country,
                        slot_starts_at, slot_date, deadline_at_offer, offered_at, offered_on, expires_at, decline_reason)
     SELECT p.id, s.id, $3, p.region_code, p.cancer_area, p.modality, s.provider_id, s.provider_kind, pr.country,
            s.starts_at, s.slot_date, p.deadline, ($4::date + time '09:00') AT TIME ZONE 'Europe/Copenhagen', $4,
            ($4::date + 3 + time '09:00') AT TIME ZONE 'Europe/Copenhagen', $5
       FROM pathway p, slot s JOIN provider pr ON pr.id = s.provider_id
      WHERE p.id = $1 AND s.id = $2
     RETURNING id`,
    [pathwayId, slotId, status, offeredOn, reason ?? null],
  );
  return rows[0].id;
}

/** Compiles a report through the API and the real worker and waits until it is DONE. */
export async function compileReport(
  app: TestApp,
  year: number,
  as = 'secretariat@demo.dk',
): Promise<{ id: string; sha256: string }> {
  const queued = (
    await app.ok<any>(
      `mutation($i: CompileCapacityReportInput!) { compileCapacityReport(input: $i) { id } }`,
      { i: { year } },
      as,
    )
  ).compileCapacityReport;
  return waitFor(
    async () => {
      const j = (
        await app.ok<any>(`query($id: ID!) { reportJob(id: $id) { id status error sha256 } }`, { id: queued.id }, as)
      ).reportJob;
      if (j.status === 'FAILED') throw new Error(`report failed: ${j.error}`);
      return j.status === 'DONE' ? { id: j.id as string, sha256: j.sha256 as string } : null;
    },
    60000,
    150,
  );
}

/** GET a stored report output as text (or as a Buffer for binary formats). */
export async function download(
  app: TestApp,
  id: string,
  format: string,
  as: string | null = 'observer@demo.dk',
  binary = false,
) {
  const req = app
    .http()
    .get(`/reports/${id}.${format}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
      res.on('end', () => cb(null, binary ? Buffer.concat(chunks) : Buffer.concat(chunks).toString('utf8')));
    });
  if (as) req.set('authorization', `Bearer ${await app.token(as)}`);
  return req;
}
