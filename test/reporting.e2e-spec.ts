import { AuditService } from '@app/core';
import { addDays, classifyOutcome, computeDeadline, Pause } from '@app/deadline';
import {
  COMPILE_STEPS,
  FigureRow,
  periodOf,
  REPORT_FORMATS,
  ReportCompiler,
  ReportPeriod,
  SECTIONS,
} from '@app/reporting';
import { XMLValidator } from 'fast-xml-parser';
import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createWorker } from '../apps/worker/src/bootstrap';
import { sourceRowsSql } from '../libs/reporting/src/figures/sql';
import { renderHtml } from '../libs/reporting/src/render/html';
import { ReportsProcessor } from '../apps/worker/src/processors/reports.processor';
import { openDataSource } from '../scripts/db';
import { prepareDatabase } from '../scripts/prepare';
import { bootApp, codeOf, testConfig, TestApp, waitFor } from './support/harness';

// Plain CommonJS shared with the launcher and the global test setup.
const services = require('../scripts/services.js') as {
  createDatabase(serverUrl: string, name: string): Promise<string>;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
};

const SECRETARIAT = 'secretariat@demo.dk';
const OBSERVER = 'observer@demo.dk';
const PLANNER = 'planner.hovedstaden@demo.dk';
const COLLABORATION = 'collab.breast@demo.dk';

const COMPILE = `mutation($i: CompileCapacityReportInput!) { compileCapacityReport(input: $i) { id status progress year quarter createdAt finishedAt sha256 } }`;
const JOB = `query($id: ID!) { reportJob(id: $id) { id status progress error year quarter createdAt finishedAt sha256 runs } }`;
const LIST = `query($y: Int) { reports(year: $y) { nodes { id status year quarter sha256 } } }`;

/*
 * 2031: a year no other test touches (they use dates near today). Every number asserted below is counted by hand
 * from these rows; P3 and P13 and two early warnings carry the old code 1084, which 2031 reports as 1086.
 */
// name: [provider key, cancer area, slot date, status]
const SLOTS: Record<string, [string, string, string, string]> = {
  S1: ['rm-aarhus-universitetshospital', 'BREAST', '2031-03-10', 'BOOKED'],
  S2: ['rm-aarhus-universitetshospital', 'BREAST', '2031-03-11', 'FREE'],
  S3: ['rm-aarhus-universitetshospital', 'BREAST', '2031-04-01', 'WITHDRAWN'],
  S4: ['rm-aarhus-universitetshospital', 'LUNG', '2031-05-05', 'EXPIRED'],
  S5: ['rh-rigshospitalet-onkologi', 'BREAST', '2031-03-12', 'BOOKED'],
  S6: ['de-uksh-kiel', 'BREAST', '2031-03-20', 'FREE'],
  S7: ['de-uksh-kiel', 'BREAST', '2031-03-21', 'FREE'],
  S8: ['se-sus-lund', 'LUNG', '2031-06-01', 'BOOKED'],
  S9: ['se-sus-lund', 'LUNG', '2031-06-02', 'FREE'],
  S10: ['priv-aleris-aarhus', 'BREAST', '2031-04-15', 'BOOKED'],
  S11: ['rn-aalborg-universitetshospital', 'LUNG', '2031-07-01', 'FREE'],
  S12: ['rn-aalborg-universitetshospital', 'LUNG', '2031-07-02', 'FREE'],
  S13: ['rn-aalborg-universitetshospital', 'LUNG', '2031-12-30', 'HELD'],
  S14: ['rm-aarhus-universitetshospital', 'BREAST', '2030-12-31', 'BOOKED'],
  S15: ['de-uksh-kiel', 'BREAST', '2031-08-01', 'FREE'],
  S16: ['rn-aalborg-universitetshospital', 'LUNG', '2031-07-03', 'FREE'],
  // 2030 slots for 2030 offers to pathways treated in 2031 (outside the period: no 2031 capacity or offer figure moves).
  S17: ['rm-aarhus-universitetshospital', 'LUNG', '2030-12-20', 'EXPIRED'],
  S18: ['rm-aarhus-universitetshospital', 'BREAST', '2030-12-28', 'EXPIRED'],
  S19: ['rn-aalborg-universitetshospital', 'LUNG', '2030-12-10', 'EXPIRED'],
};
// name: [region code, home municipality, cancer area, clock start, own region's expected date before any offer]
const PATHWAYS: Record<string, [number, number, string, string, string | null]> = {
  P1: [1086, 101, 'BREAST', '2031-02-20', '2031-03-25'],
  P2: [1081, 851, 'BREAST', '2031-02-25', null],
  P3: [1084, 101, 'BREAST', '2031-03-01', '2031-04-10'],
  P4: [1082, 751, 'BREAST', '2031-03-03', '2031-04-20'],
  P5: [1086, 101, 'BREAST', '2031-03-01', '2031-03-30'],
  P6: [1083, 461, 'LUNG', '2031-05-10', '2031-06-20'],
  P7: [1083, 461, 'LUNG', '2031-05-12', null],
  P8: [1081, 851, 'BREAST', '2031-04-01', null],
  P9: [1082, 751, 'LUNG', '2031-06-10', '2031-07-20'],
  P10: [1082, 751, 'LUNG', '2031-06-20', '2031-07-10'],
  P11: [1082, 751, 'LUNG', '2031-12-01', null],
  P12: [1086, 101, 'BREAST', '2030-12-20', null],
  P13: [1084, 101, 'BREAST', '2030-11-01', '2030-12-20'],
  // Finished pathways for SST's outcome categories (deadline = clock start + 28, plus pauses: see PAUSES).
  P14: [1081, 851, 'BREAST', '2031-01-05', null],
  P15: [1084, 101, 'LUNG', '2030-12-01', null],
  P16: [1083, 461, 'BREAST', '2030-11-20', null],
  P17: [1082, 751, 'LUNG', '2030-11-01', null],
  P18: [1081, 851, 'BREAST', '2031-02-01', null],
  P19: [1086, 101, 'LUNG', '2031-04-01', null],
};
// Pauses ([from, to)); the pathway's deadline is recomputed with them by libs/deadline, as PathwaysService does.
const PAUSES: Record<string, Pause[]> = {
  P14: [
    { from: '2031-01-10', to: '2031-01-20', reason: 'PATIENT_CHOICE' },
    { from: '2031-01-25', to: '2031-01-30', reason: 'HEALTH' },
  ],
  P15: [{ from: '2030-12-10', to: '2030-12-17', reason: 'HEALTH' }],
  P19: [{ from: '2031-04-05', to: '2031-04-12', reason: 'PATIENT_CHOICE' }],
};
// [name, pathway, slot, status, offered on, decline reason]
const OFFERS: [string, string, string, string, string, string?][] = [
  ['O1', 'P1', 'S1', 'ACCEPTED', '2031-03-01'],
  ['O2', 'P2', 'S2', 'DECLINED', '2031-03-02', 'DISTANCE'],
  ['O3', 'P3', 'S6', 'DECLINED', '2031-03-05', 'ABROAD'],
  ['O4', 'P4', 'S7', 'DECLINED', '2031-03-06', 'DISTANCE'],
  ['O5', 'P5', 'S5', 'ACCEPTED', '2031-03-04'],
  ['O6', 'P6', 'S8', 'ACCEPTED', '2031-05-20'],
  ['O7', 'P7', 'S9', 'DECLINED', '2031-05-21', 'ABROAD'],
  ['O8', 'P8', 'S10', 'ACCEPTED', '2031-04-08'],
  ['O9', 'P9', 'S11', 'EXPIRED', '2031-06-15'],
  ['O9b', 'P9', 'S16', 'DECLINED', '2031-06-20', 'TIMING'],
  ['O10', 'P10', 'S12', 'WITHDRAWN', '2031-06-25'],
  ['O11', 'P11', 'S13', 'PENDING', '2031-12-20'],
  ['O13', 'P13', 'S14', 'ACCEPTED', '2030-11-10'],
  ['O15', 'P15', 'S17', 'DECLINED', '2030-12-15', 'TIMING'],
  ['O16', 'P16', 'S18', 'EXPIRED', '2030-12-18'],
  ['O17', 'P17', 'S19', 'DECLINED', '2030-12-02', 'DISTANCE'],
];
// What happened after the offers; accepting overwrites expected_date with the slot date, as OffersService does.
const AFTERWARDS: Record<string, { status: string; expected?: string; treated?: string }> = {
  P1: { status: 'TREATED', expected: '2031-03-10', treated: '2031-03-10' },
  P3: { status: 'TREATED', treated: '2031-04-10' },
  P5: { status: 'TREATED', expected: '2031-03-12', treated: '2031-03-12' },
  P6: { status: 'TREATED', expected: '2031-06-01', treated: '2031-06-01' },
  P8: { status: 'SCHEDULED', expected: '2031-04-15' },
  P11: { status: 'OFFERED' },
  P13: { status: 'TREATED', expected: '2030-12-31', treated: '2030-12-31' },
  P14: { status: 'TREATED', treated: '2031-03-01' },
  P15: { status: 'TREATED', treated: '2031-01-20' },
  P16: { status: 'TREATED', treated: '2031-01-08' },
  P17: { status: 'TREATED', treated: '2031-02-03' },
  P18: { status: 'TREATED', treated: '2031-03-15' },
  P19: { status: 'TREATED', treated: '2031-05-06' },
};
/*
 * SST's outcome of every seeded TREATED pathway, by hand (deadline after pauses; first match wins):
 *   P1  BREAST 1086  deadline 2031-03-20, treated 03-10                                → WITHIN_DEADLINE
 *   P5  BREAST 1086  deadline 2031-03-29, treated 03-12                                → WITHIN_DEADLINE
 *   P6  LUNG   1083  deadline 2031-06-07, treated 06-01                                → WITHIN_DEADLINE
 *   P19 LUNG   1086  deadline 2031-04-29 + 7 paused = 05-06, treated on it; has a PATIENT_CHOICE pause → WITHIN_DEADLINE
 *   P14 BREAST 1081  deadline 2031-02-02 + 10 + 5 = 02-17, treated 03-01; PATIENT_CHOICE and HEALTH pauses → EXCEEDED_PATIENT_CHOICE
 *   P15 LUNG   1084→1086  deadline 2030-12-29 + 7 = 2031-01-05, treated 01-20; HEALTH pause and an offer in time → EXCEEDED_HEALTH
 *   P3  BREAST 1084→1086  deadline 2031-03-29, treated 04-10; offer 03-05               → EXCEEDED_CAPACITY_OFFERED
 *   P16 BREAST 1083  deadline 2030-12-18, treated 2031-01-08; offer on the deadline day → EXCEEDED_CAPACITY_OFFERED
 *   P17 LUNG   1082  deadline 2030-11-29, treated 2031-02-03; offer only after it (12-02) → RULES_NOT_KEPT
 *   P18 BREAST 1081  deadline 2031-03-01, treated 03-15; no pause, no offer            → RULES_NOT_KEPT
 *   P13 treated 2030-12-31 (offer 2030-11-10 before its deadline 11-29)                → EXCEEDED_CAPACITY_OFFERED, not in 2031
 */
const SST_OUTCOME: Record<string, string> = {
  P1: 'WITHIN_DEADLINE',
  P5: 'WITHIN_DEADLINE',
  P6: 'WITHIN_DEADLINE',
  P19: 'WITHIN_DEADLINE',
  P14: 'EXCEEDED_PATIENT_CHOICE',
  P15: 'EXCEEDED_HEALTH',
  P3: 'EXCEEDED_CAPACITY_OFFERED',
  P16: 'EXCEEDED_CAPACITY_OFFERED',
  P17: 'RULES_NOT_KEPT',
  P18: 'RULES_NOT_KEPT',
  P13: 'EXCEEDED_CAPACITY_OFFERED',
};
// [pathway, stored region code, cancer area, deadline, raised on]
const WARNINGS: [string, number, string, string, string][] = [
  ['P4', 1082, 'BREAST', '2031-03-31', '2031-03-25'],
  ['P12', 1084, 'BREAST', '2031-01-17', '2031-01-12'],
  ['P11', 1082, 'LUNG', '2031-12-29', '2031-12-22'],
  ['P11', 1082, 'LUNG', '2032-01-05', '2031-12-29'],
  ['P13', 1084, 'BREAST', '2030-11-29', '2030-11-20'],
];
// meeting: [cancer area, date, decisions: [kind, pathway, offer, reason]]
const MEETINGS: [string, string, [string, string | null, string | null, string | null][]][] = [
  [
    'BREAST',
    '2031-03-15',
    [
      ['OFFER_MADE', 'P4', 'O4', null],
      ['NO_ACTION', 'P2', null, 'Patienten ønsker at vente'],
      ['ESCALATE', null, null, 'Kapacitetsmangel'],
    ],
  ],
  [
    'LUNG',
    '2031-06-18',
    [
      ['OFFER_MADE', 'P9', 'O9b', null],
      ['NO_ACTION', 'P9', null, 'Afventer svar'],
    ],
  ],
  ['BREAST', '2030-11-15', [['NO_ACTION', 'P13', null, 'Uden for perioden']]],
];

async function insertSlot(
  db: DataSource,
  providerKey: string,
  area: string,
  date: string,
  status: string,
): Promise<string> {
  const rows = await db.query(
    `INSERT INTO slot (provider_id, cancer_area, modality, starts_at, duration_minutes, status)
     SELECT id, $2, 'SURGERY', ($3::date + time '10:00') AT TIME ZONE 'Europe/Copenhagen', 60, $4 FROM provider WHERE key = $1
     RETURNING id`,
    [providerKey, area, date, status],
  );
  return rows[0].id;
}

async function insertPathway(
  db: DataSource,
  ref: string,
  [region, municipality, area, clockStart, expected]: [number, number, string, string, string | null],
): Promise<string> {
  const rows = await db.query(
    `INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, expected_date, status, deadline, base_deadline, rule_set)
     VALUES ($1, $2, $3, $4, 'PRIMARY_TREATMENT', 'SURGERY', $5, $6, 'WAITING', $7, $7, 'DK-2024') RETURNING id`,
    [ref, region, municipality, area, clockStart, expected, addDays(clockStart, 28)],
  );
  return rows[0].id;
}

/** Offer with the snapshot columns taken from pathway and slot, as OffersService writes them. */
async function insertOffer(
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

/** Pathway ids of the seeded fixture by name (P1 …). */
const seeded: Record<string, string> = {};

async function seed2031(db: DataSource): Promise<void> {
  const tag = Date.now().toString(36);
  const slots: Record<string, string> = {};
  const pathways = seeded;
  const offers: Record<string, string> = {};
  for (const [name, [key, area, date, status]] of Object.entries(SLOTS))
    slots[name] = await insertSlot(db, key, area, date, status);
  for (const [name, p] of Object.entries(PATHWAYS)) pathways[name] = await insertPathway(db, `RPT-${tag}-${name}`, p);
  for (const [name, pauses] of Object.entries(PAUSES)) {
    for (const pause of pauses) {
      await db.query(`INSERT INTO pathway_pause (pathway_id, from_date, to_date, reason) VALUES ($1, $2, $3, $4)`, [
        pathways[name],
        pause.from,
        pause.to,
        pause.reason,
      ]);
    }
    const d = computeDeadline({ phase: 'PRIMARY_TREATMENT', clockStart: PATHWAYS[name][3], pauses });
    await db.query(`UPDATE pathway SET deadline = $2, base_deadline = $3, paused_days = $4 WHERE id = $1`, [
      pathways[name],
      d.deadline,
      d.baseDeadline,
      d.pausedDays,
    ]);
  }
  for (const [name, p, s, status, on, reason] of OFFERS)
    offers[name] = await insertOffer(db, pathways[p], slots[s], status, on, reason);
  for (const [name, a] of Object.entries(AFTERWARDS)) {
    await db.query(
      `UPDATE pathway SET status = $2, expected_date = coalesce($3::date, expected_date), treated_on = $4 WHERE id = $1`,
      [pathways[name], a.status, a.expected ?? null, a.treated ?? null],
    );
  }
  for (const [p, region, area, deadline, raised] of WARNINGS) {
    await db.query(
      `INSERT INTO early_warning (pathway_id, region_code, cancer_area, deadline, raised_on) VALUES ($1, $2, $3, $4, $5)`,
      [pathways[p], region, area, deadline, raised],
    );
  }
  for (const [area, date, decisions] of MEETINGS) {
    const [{ id }] = await db.query(
      `INSERT INTO meeting (cancer_area, meeting_date, title) VALUES ($1, $2, 'Rapporttest') RETURNING id`,
      [area, date],
    );
    for (const [kind, p, o, reason] of decisions) {
      await db.query(
        `INSERT INTO meeting_decision (meeting_id, pathway_id, kind, offer_id, reason) VALUES ($1, $2, $3, $4, $5)`,
        [id, p ? pathways[p] : null, kind, o ? offers[o] : null, reason],
      );
    }
  }
}

/** Looks a figure up in the report's rows; dimensions not named are the total (ALL), category none. */
function figures(rows: FigureRow[]) {
  return (figure: string, sel: Partial<FigureRow> = {}): number | null | undefined => {
    const want = {
      cancerArea: 'ALL',
      region: 'ALL',
      providerKind: figure.startsWith('abroad') ? 'FOREIGN' : 'ALL',
      month: 'ALL',
      category: '',
      ...sel,
    };
    const hit = rows.find(
      (r) =>
        r.figure === figure &&
        r.cancerArea === want.cancerArea &&
        r.region === want.region &&
        r.providerKind === want.providerKind &&
        r.month === want.month &&
        r.category === want.category,
    );
    return hit ? hit.value : undefined;
  };
}

describe('annual capacity status report (issue #9)', () => {
  let app: TestApp;
  let first: { id: string; sha256: string };

  beforeAll(async () => {
    app = await bootApp();
    await seed2031(app.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const job = async (id: string) => (await app.ok<any>(JOB, { id }, OBSERVER)).reportJob;
  const compile = async (year: number, quarter?: number) =>
    (await app.ok<any>(COMPILE, { i: { year, quarter } }, SECRETARIAT)).compileCapacityReport;
  const done = (id: string) =>
    waitFor(
      async () => {
        const j = await job(id);
        if (j.status === 'FAILED') throw new Error(`report failed: ${j.error}`);
        return j.status === 'DONE' ? j : null;
      },
      45000,
      100,
    );
  const download = (id: string, format: string, as: string | null = OBSERVER) => {
    const req = app
      .http()
      .get(`/reports/${id}.${format}`)
      .buffer(true)
      .parse((res, cb) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => cb(null, body));
      });
    return as ? app.token(as).then((t) => req.set('authorization', `Bearer ${t}`)) : req;
  };

  it('compiles 2031 through the outbox and the real worker: every figure as counted by hand', async () => {
    const queued = await compile(2031);
    expect(queued).toMatchObject({
      status: 'QUEUED',
      progress: 0,
      year: 2031,
      quarter: null,
      finishedAt: null,
      sha256: null,
    });
    const outbox = await app.db.query(`SELECT job_name, job_id, payload FROM outbox WHERE job_id = $1`, [
      `reports.compile__${queued.id}`,
    ]);
    expect(outbox).toEqual([
      { job_name: 'reports.compile', job_id: `reports.compile__${queued.id}`, payload: { reportId: queued.id } },
    ]);
    const finished = await done(queued.id);
    expect(finished).toMatchObject({ status: 'DONE', progress: 100, runs: 1, error: null });
    expect(finished.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(finished.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(finished.createdAt).getTime());
    first = { id: queued.id, sha256: finished.sha256 };
    const audit = await app.db.query(
      `SELECT action, actor_label FROM audit_log WHERE entity_type = 'report' AND entity_id = $1 ORDER BY id`,
      [queued.id],
    );
    expect(audit).toEqual([
      { action: 'report.compile', actor_label: SECRETARIAT },
      { action: 'report.done', actor_label: 'system' },
    ]);

    const res = await download(queued.id, 'json');
    expect(res.status).toBe(200);
    const report = JSON.parse(res.body);
    expect(report.period).toEqual({
      year: 2031,
      quarter: null,
      from: '2031-01-01',
      lastDay: '2031-12-31',
      months: expect.any(Array),
    });
    const v = figures(report.rows);

    // Capacity: 15 slots dated 2031 (S14 is 2030); 10 at Danish providers; S1 (patient 1086 at Aarhus) and S10
    // (patient 1081 at Aleris Aarhus) used by another region; S5 is Rigshospitalet for a 1086 patient: same region.
    expect(v('slots.published')).toBe(15);
    expect(v('slots.booked')).toBe(4);
    expect(v('slots.withdrawn')).toBe(1);
    expect(v('slots.expired')).toBe(1);
    expect(v('slots.used_by_other_regions')).toBe(2);
    expect(v('slots.share_used_by_other_regions')).toBe(0.2);
    expect([
      v('slots.published', { region: '1081' }),
      v('slots.published', { region: '1082' }),
      v('slots.published', { region: '1086' }),
      v('slots.published', { region: '' }),
    ]).toEqual([4, 5, 1, 5]);
    expect(v('slots.published', { region: '1084' })).toBeUndefined();
    expect([
      v('slots.published', { providerKind: 'PUBLIC' }),
      v('slots.published', { providerKind: 'PRIVATE' }),
      v('slots.published', { providerKind: 'FOREIGN' }),
    ]).toEqual([9, 1, 5]);
    expect(v('slots.share_used_by_other_regions', { region: '1082' })).toBe(0.4);
    expect(v('slots.share_used_by_other_regions', { region: '' })).toBeNull();
    expect(
      v('slots.published', { cancerArea: 'BREAST', region: '1082', providerKind: 'PUBLIC', month: '2031-03' }),
    ).toBe(2);

    // Offers made in 2031 (O13 was 2030): by answer, home region (P3's 1084 → 1086) and provider kind.
    expect([
      v('offers.made'),
      v('offers.accepted'),
      v('offers.declined'),
      v('offers.expired'),
      v('offers.withdrawn'),
      v('offers.pending'),
    ]).toEqual([12, 4, 5, 1, 1, 1]);
    expect([
      v('offers.made', { region: '1081' }),
      v('offers.made', { region: '1082' }),
      v('offers.made', { region: '1083' }),
      v('offers.made', { region: '1086' }),
    ]).toEqual([2, 5, 2, 3]);
    expect([
      v('offers.made', { providerKind: 'PUBLIC' }),
      v('offers.made', { providerKind: 'PRIVATE' }),
      v('offers.made', { providerKind: 'FOREIGN' }),
    ]).toEqual([7, 1, 4]);
    expect([v('offers.made', { cancerArea: 'BREAST' }), v('offers.made', { cancerArea: 'LUNG' })]).toEqual([6, 6]);
    expect([
      v('offers.made', { month: '2031-03' }),
      v('offers.made', { month: '2031-06' }),
      v('offers.made', { month: '2031-12' }),
      v('offers.made', { month: '2031-02' }),
    ]).toEqual([5, 3, 1, undefined]);
    expect([
      v('declines.by_reason', { category: 'DISTANCE' }),
      v('declines.by_reason', { category: 'ABROAD' }),
      v('declines.by_reason', { category: 'TIMING' }),
    ]).toEqual([2, 2, 1]);

    // The Task Force's question: offers abroad (Kiel, Lund) and why they were declined.
    expect([v('abroad.made'), v('abroad.accepted'), v('abroad.declined'), v('abroad.declined_share')]).toEqual([
      4, 1, 3, 0.75,
    ]);
    expect([
      v('abroad.made', { cancerArea: 'BREAST' }),
      v('abroad.declined', { cancerArea: 'BREAST' }),
      v('abroad.accepted', { cancerArea: 'LUNG' }),
    ]).toEqual([2, 2, 1]);
    expect([
      v('abroad.declined_by_reason', { category: 'ABROAD' }),
      v('abroad.declined_by_reason', { category: 'DISTANCE' }),
      v('abroad.declined_by_reason', { category: 'TIMING' }),
    ]).toEqual([2, 1, undefined]);
    expect(v('abroad.declined_by_reason', { category: 'ABROAD', region: '1086' })).toBe(1);

    // Days to the first offer of 11 pathways: 3,3,4,5,5,5,7,9,9,10,19 (P9's second offer does not count).
    expect([v('time_to_offer.pathways'), v('time_to_offer.median_days'), v('time_to_offer.p90_days')]).toEqual([
      11, 5, 10,
    ]);
    expect([
      v('time_to_offer.median_days', { cancerArea: 'BREAST' }),
      v('time_to_offer.p90_days', { cancerArea: 'BREAST' }),
    ]).toEqual([4.5, 8]);
    expect([
      v('time_to_offer.median_days', { cancerArea: 'LUNG' }),
      v('time_to_offer.p90_days', { cancerArea: 'LUNG' }),
    ]).toEqual([9, 15.4]);
    expect([
      v('time_to_offer.median_days', { providerKind: 'FOREIGN' }),
      v('time_to_offer.p90_days', { providerKind: 'FOREIGN' }),
    ]).toEqual([6.5, 9.7]);

    // At risk: P2, P4, P7, P9, P11 open and at risk; P4, P11, P12 warned in 2031 (P12's clock started in 2030).
    expect([v('at_risk.pathways'), v('at_risk.open_now'), v('at_risk.warned')]).toEqual([6, 5, 3]);
    expect([
      v('at_risk.pathways', { region: '1081' }),
      v('at_risk.pathways', { region: '1082' }),
      v('at_risk.pathways', { region: '1083' }),
      v('at_risk.pathways', { region: '1086' }),
    ]).toEqual([1, 3, 1, 1]);
    expect([
      v('early_warnings.raised'),
      v('early_warnings.pathways'),
      v('early_warnings.raised', { region: '1086' }),
    ]).toEqual([4, 3, 1]);

    // Treated in 2031 after an offer: P1, P5, P6 in time; P3 declined abroad and was treated late at home; P15, P16
    // and P17 had only unaccepted offers (in 2030) and were treated late.
    expect([v('outcome.treated'), v('outcome.in_time'), v('outcome.late')]).toEqual([7, 3, 4]);
    expect([
      v('outcome.late', { providerKind: '' }),
      v('outcome.in_time', { providerKind: 'PUBLIC' }),
      v('outcome.in_time', { providerKind: 'FOREIGN' }),
    ]).toEqual([4, 2, 1]);

    // SST's outcome categories of the 10 pathways treated in 2031 (see SST_OUTCOME), P3 and P15 in 1086 (from 1084).
    // Rows: totals 5 categories + 1; by area 7 + 2; by region 8 + 4; by area × region 9 + 6 (no rows for zeros).
    const sst = (sel: Partial<FigureRow> = {}) =>
      [
        'WITHIN_DEADLINE',
        'EXCEEDED_PATIENT_CHOICE',
        'EXCEEDED_HEALTH',
        'EXCEEDED_CAPACITY_OFFERED',
        'RULES_NOT_KEPT',
        '',
      ].map((category) => v('sst_outcome.pathways', { ...sel, category }) ?? 0);
    expect(sst()).toEqual([4, 1, 1, 2, 2, 10]);
    expect(sst({ cancerArea: 'BREAST' })).toEqual([2, 1, 0, 2, 1, 6]);
    expect(sst({ cancerArea: 'LUNG' })).toEqual([2, 0, 1, 0, 1, 4]);
    expect(sst({ region: '1081' })).toEqual([0, 1, 0, 0, 1, 2]);
    expect(sst({ region: '1082' })).toEqual([0, 0, 0, 0, 1, 1]);
    expect(sst({ region: '1083' })).toEqual([1, 0, 0, 1, 0, 2]);
    expect(sst({ region: '1086' })).toEqual([3, 0, 1, 1, 0, 5]);
    expect(v('sst_outcome.pathways', { region: '1084' })).toBeUndefined();
    expect(sst({ cancerArea: 'BREAST', region: '1086' })).toEqual([2, 0, 0, 1, 0, 3]);
    expect(sst({ cancerArea: 'LUNG', region: '1086' })).toEqual([1, 0, 1, 0, 0, 2]);
    expect(sst({ cancerArea: 'BREAST', region: '1081' })).toEqual([0, 1, 0, 0, 1, 2]);
    expect(sst({ cancerArea: 'LUNG', region: '1082' })).toEqual([0, 0, 0, 0, 1, 1]);
    expect(sst({ cancerArea: 'BREAST', region: '1083' })).toEqual([0, 0, 0, 1, 0, 1]);
    expect(sst({ cancerArea: 'LUNG', region: '1083' })).toEqual([1, 0, 0, 0, 0, 1]);
    expect(report.rows.filter((r: FigureRow) => r.figure === 'sst_outcome.pathways')).toHaveLength(6 + 9 + 12 + 15);
    expect(
      report.rows.every(
        (r: FigureRow) => r.figure !== 'sst_outcome.pathways' || (r.providerKind === 'ALL' && r.month === 'ALL'),
      ),
    ).toBe(true);

    // Days gained use the expected date before the offer (P1 15, P5 18, P6 19), not the overwritten one; P8 had none.
    expect([
      v('days_gained.offers'),
      v('days_gained.total'),
      v('days_gained.average'),
      v('days_gained.no_expected_date'),
    ]).toEqual([3, 52, 17.3, 1]);
    expect(v('days_gained.total', { providerKind: 'FOREIGN' })).toBe(19);

    // Meeting decisions in 2031 by kind (the 2030 meeting is outside the period).
    expect([
      v('meetings.decisions', { category: 'OFFER_MADE' }),
      v('meetings.decisions', { category: 'NO_ACTION' }),
      v('meetings.decisions', { category: 'ESCALATE' }),
    ]).toEqual([2, 2, 1]);
    expect([
      v('meetings.pathways', { category: 'NO_ACTION' }),
      v('meetings.pathways', { category: 'ESCALATE' }),
      v('meetings.decisions', { category: 'ESCALATE', region: '' }),
    ]).toEqual([2, 0, 1]);

    // The definitions travel with the figures.
    const abroad = report.sections.find((s: any) => s.key === 'abroad');
    expect(abroad.figures.map((f: any) => f.key)).toEqual([
      'abroad.made',
      'abroad.accepted',
      'abroad.declined',
      'abroad.declined_share',
    ]);
    expect(abroad.figures[0]).toEqual(
      expect.objectContaining({
        label: 'Tilbud i udlandet',
        sql: 'count(*)',
        definition: expect.stringContaining('FOREIGN'),
      }),
    );
  });

  it("SST's outcome in SQL equals classifyOutcome() in TypeScript for every seeded treated pathway", async () => {
    const section = SECTIONS.find((s) => s.key === 'sst_outcome')!;
    const ids = Object.values(seeded);
    // The section's own source rows (what the report counts), over 2030–2031 so P13 (treated 2030) is included too.
    const wide = periodOf(2030);
    const sqlRows: { pathway_id: string; category: string }[] = (
      await app.db.query(sourceRowsSql(section), [wide.from, '2032-01-01'])
    ).filter((r: { pathway_id: string }) => ids.includes(r.pathway_id));
    const sqlOutcome = new Map(sqlRows.map((r) => [r.pathway_id, r.category]));
    expect(sqlRows).toHaveLength(sqlOutcome.size);

    // The same few fixture rows, loaded and classified in TypeScript by libs/deadline.
    const treated: { id: string; deadline: string; treated_on: string }[] = await app.db.query(
      `SELECT id, deadline::text AS deadline, treated_on::text AS treated_on FROM pathway WHERE id = ANY($1) AND status = 'TREATED'`,
      [ids],
    );
    const pauses: { pathway_id: string; from: string; to: string; reason: Pause['reason'] }[] = await app.db.query(
      `SELECT pathway_id, from_date::text AS "from", to_date::text AS "to", reason FROM pathway_pause WHERE pathway_id = ANY($1)`,
      [ids],
    );
    const offers: { pathway_id: string; offered_on: string }[] = await app.db.query(
      `SELECT pathway_id, offered_on::text AS offered_on FROM offer WHERE pathway_id = ANY($1)`,
      [ids],
    );
    const nameOf = new Map(Object.entries(seeded).map(([name, id]) => [id, name]));
    const byName: Record<string, { sql: string | undefined; ts: string }> = {};
    for (const p of treated) {
      const ts = classifyOutcome({
        deadline: p.deadline,
        treatedOn: p.treated_on,
        pauses: pauses.filter((x) => x.pathway_id === p.id).map(({ from, to, reason }) => ({ from, to, reason })),
        offerDates: offers.filter((o) => o.pathway_id === p.id).map((o) => o.offered_on),
      });
      byName[nameOf.get(p.id)!] = { sql: sqlOutcome.get(p.id), ts };
    }
    expect(Object.keys(byName).sort()).toEqual(Object.keys(SST_OUTCOME).sort());
    for (const [name, { sql, ts }] of Object.entries(byName)) {
      expect({ name, sql }).toEqual({ name, sql: ts });
      expect({ name, ts }).toEqual({ name, ts: SST_OUTCOME[name] });
    }
    // Every category is covered by the fixture.
    expect(new Set(Object.values(byName).map((x) => x.ts)).size).toBe(5);
  });

  it('downloads: HTML, CSV and JSON for secretariat and observers, with content types; others are refused', async () => {
    const { id } = first;
    const html = await download(id, 'html');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    // Served inline from the api origin: a sandboxed CSP without any script source (issue #14 item 8).
    expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(html.headers['content-security-policy']).toMatch(/sandbox/);
    expect(html.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.body).not.toMatch(/<script/i);
    expect(html.body).toContain('<html lang="da"');
    expect(html.body).toContain('<title>Årlig statusrapport om kapacitet 2031</title>');
    expect(XMLValidator.validate(html.body)).toBe(true);
    const svgs: string[] = html.body.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(7); // 5 + "Afslag og afstand" (issue 22) + the monthly spending chart of the cost section (issue 19)
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
    expect(html.body).toMatch(
      /I perioden blev der givet <strong>4<\/strong> tilbud om behandling i udlandet\. <strong>1<\/strong> blev accepteret og <strong>3<\/strong> afslået \(75,0 % af de besvarede\)/,
    );
    expect(html.body).toContain('Hyppigste årsager til afslag: ønsker ikke behandling i udlandet (2), afstand (1).');
    expect(html.body).toContain('Region Østdanmark');
    expect(html.body).toContain('<h2 id="sst_outcome">Udfald for afsluttede forløb (SST&#39;s kategorier)</h2>');
    expect(html.body).toContain(
      '<tr><th scope="row">Overskredet – tilbud om alternativ givet</th><td class="n">2</td><td class="n">2</td><td class="n">0</td></tr>',
    );
    expect(html.body).toContain(
      '<tfoot><tr><th scope="row">I alt</th><td class="n">10</td><td class="n">6</td><td class="n">4</td></tr></tfoot>',
    );
    expect(html.body).toContain(
      '<tr><th scope="row">Lungekræft – Region Østdanmark</th><td class="n">1</td><td class="n">0</td><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">2</td></tr>',
    );
    expect(html.body).toContain(`SHA-256 af JSON-udgaven: <code>${first.sha256}</code>`);

    const csv = await download(id, 'csv', SECRETARIAT);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="kapacitetsrapport-2031.csv"');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('metric,unit,cancer_area,region,provider_kind,month,category,value');
    expect(lines).toContain('abroad.declined_by_reason,count,ALL,ALL,FOREIGN,ALL,ABROAD,2');
    expect(lines).toContain('offers.made,count,ALL,ALL,ALL,ALL,,12');
    expect(lines).toContain('time_to_offer.p90_days,days,LUNG,ALL,ALL,ALL,,15.4');
    expect(lines).toContain('sst_outcome.pathways,count,ALL,ALL,ALL,ALL,RULES_NOT_KEPT,2');
    expect(lines).toContain('sst_outcome.pathways,count,ALL,ALL,ALL,ALL,,10');
    expect(lines).toContain('sst_outcome.pathways,count,LUNG,1086,ALL,ALL,EXCEEDED_HEALTH,1');

    const json = await download(id, 'json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body).rows.length).toBe(lines.length - 1);

    expect((await download(id, 'html', PLANNER)).status).toBe(403);
    expect((await download(id, 'csv', COLLABORATION)).status).toBe(403);
    expect((await download(id, 'json', null)).status).toBe(401);
    expect([200, 409]).toContain((await download(id, 'pdf')).status); // the PDF (issue #19): printed, or still being printed
    expect((await download(id, 'docx')).status).toBe(404);
    expect((await download('00000000-0000-4000-8000-000000000000', 'html')).status).toBe(404);
    const [{ id: running }] = await app.db.query(
      `INSERT INTO report (year, status, progress) VALUES (2031, 'RUNNING', 42) RETURNING id`,
    );
    const early = await download(running, 'html');
    expect(early.status).toBe(409);
    expect(JSON.parse(early.body)).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('RUNNING (42 %)'),
    });
  });

  it('roles and input: only the secretariat compiles; secretariat and observers read; year and quarter validated', async () => {
    const input = { i: { year: 2031 } };
    expect(codeOf(await app.gql(COMPILE, input, OBSERVER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(COMPILE, input, PLANNER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(COMPILE, input))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(JOB, { id: first.id }, COLLABORATION))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(LIST, {}, PLANNER))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(JOB, { id: '00000000-0000-4000-8000-000000000000' }, OBSERVER))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(JOB, { id: 'not-a-uuid' }, OBSERVER))).toBe('NOT_FOUND');
    for (const bad of [{ year: 2019 }, { year: 2101 }, { year: 2031, quarter: 0 }, { year: 2031, quarter: 5 }]) {
      const res = await app.gql(COMPILE, { i: bad }, SECRETARIAT);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    const list = (await app.ok<any>(LIST, { y: 2031 }, OBSERVER)).reports.nodes;
    expect(list.map((r: any) => r.id)).toContain(first.id);
    expect(list.every((r: any) => r.status === 'DONE' && r.year === 2031)).toBe(true);
  });

  it('reproducible: compiling the same data again gives the same sha256 and the same bytes in every format', async () => {
    const again = await compile(2031);
    const finished = await done(again.id);
    expect(finished.sha256).toBe(first.sha256);
    const outputs = async (id: string) =>
      app.db.query(
        `SELECT format, content, sha256 FROM report_output WHERE report_id = $1 AND format <> 'pdf' ORDER BY format`,
        [id],
      );
    const [a, b] = [await outputs(first.id), await outputs(again.id)];
    expect(b.map((o: any) => o.format)).toEqual([...REPORT_FORMATS].sort());
    expect(b).toEqual(a);
    expect((await download(again.id, 'html')).body).toBe((await download(first.id, 'html')).body);
  });

  it('a quarter covers its three months only', async () => {
    const q1 = await compile(2031, 1);
    expect(q1.quarter).toBe(1);
    await done(q1.id);
    const report = JSON.parse((await download(q1.id, 'json')).body);
    expect(report.title).toBe('Årlig statusrapport om kapacitet 2031 – 1. kvartal');
    expect(report.period.months).toEqual(['2031-01', '2031-02', '2031-03']);
    const v = figures(report.rows);
    expect([
      v('offers.made'),
      v('abroad.made'),
      v('abroad.declined'),
      v('slots.published'),
      v('early_warnings.raised'),
    ]).toEqual([5, 2, 2, 5, 2]);
    // Treated in Q1: P1, P5 in time; P14 patient choice; P15 health; P16 offered in time; P17, P18 rules not kept.
    const sst = [
      'WITHIN_DEADLINE',
      'EXCEEDED_PATIENT_CHOICE',
      'EXCEEDED_HEALTH',
      'EXCEEDED_CAPACITY_OFFERED',
      'RULES_NOT_KEPT',
      '',
    ].map((category) => v('sst_outcome.pathways', { category }) ?? 0);
    expect(sst).toEqual([2, 1, 1, 1, 2, 7]);
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  (chromium ? it : it.skip)('the HTML opens in headless Chromium with its charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cx-report-'));
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, (await download(first.id, 'html')).body);
      const run = spawnSync(
        chromium!,
        ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${file}`],
        { encoding: 'utf8', timeout: 60000 },
      );
      expect(run.stdout).toContain('<title>Årlig statusrapport om kapacitet 2031</title>');
      expect((run.stdout.match(/<svg/g) ?? []).length).toBe(7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a period across 1 January 2027 shows Hovedstaden and Sjælland before and Østdanmark after', async () => {
    const server = process.env.CX_TEST_SERVER_URL!;
    const name = `${new URL(process.env.CX_TEST_DATABASE_URL!).pathname.slice(1)}_span`;
    const url = await services.createDatabase(server, name);
    let ds: DataSource | null = null;
    try {
      // Demo users and providers only: demo activity is dated around today, which may fall inside this period.
      await prepareDatabase(url, true, false);
      ds = await openDataSource(url);
      for (const [key, date] of [
        ['rh-rigshospitalet-onkologi', '2026-12-15'],
        ['rh-rigshospitalet-onkologi', '2027-01-15'],
        ['rsj-suh-roskilde', '2026-12-20'],
        ['rsj-suh-roskilde', '2027-01-20'],
        ['rm-aarhus-universitetshospital', '2027-01-05'],
      ]) {
        await insertSlot(ds, key, 'BREAST', date, 'FREE');
      }
      const p = await insertPathway(ds, 'SPAN-1', [1084, 101, 'BREAST', '2026-12-10', null]);
      const s1 = await insertSlot(ds, 'rm-aarhus-universitetshospital', 'BREAST', '2027-02-10', 'FREE');
      const s2 = await insertSlot(ds, 'rm-aarhus-universitetshospital', 'BREAST', '2027-02-11', 'FREE');
      await insertOffer(ds, p, s1, 'DECLINED', '2026-12-20', 'DISTANCE');
      await insertOffer(ds, p, s2, 'DECLINED', '2027-01-10', 'TIMING');
      const period: ReportPeriod = {
        year: 2026,
        quarter: null,
        from: '2026-12-01',
        to: '2027-02-01',
        lastDay: '2027-01-31',
        months: ['2026-12', '2027-01'],
      };
      const data = await new ReportCompiler(ds, new AuditService(ds)).collect(period);
      const v = figures(data.rows);
      expect([
        v('slots.published', { region: '1084' }),
        v('slots.published', { region: '1085' }),
        v('slots.published', { region: '1086' }),
        v('slots.published', { region: '1082' }),
      ]).toEqual([1, 1, 2, 1]);
      expect(
        v('slots.published', { cancerArea: 'BREAST', region: '1084', providerKind: 'PUBLIC', month: '2026-12' }),
      ).toBe(1);
      expect(
        v('slots.published', { cancerArea: 'BREAST', region: '1086', providerKind: 'PUBLIC', month: '2027-01' }),
      ).toBe(2);
      expect(
        v('slots.published', { cancerArea: 'BREAST', region: '1084', providerKind: 'PUBLIC', month: '2027-01' }),
      ).toBeUndefined();
      expect([v('offers.made', { region: '1084' }), v('offers.made', { region: '1086' })]).toEqual([1, 1]);
      const html = await renderHtml(data, 'x');
      expect(html).toContain('viser derfor både de gamle regioner og den nye');
      for (const region of ['Region Hovedstaden', 'Region Sjælland', 'Region Østdanmark'])
        expect(html).toContain(`<th scope="row">${region}</th>`);
    } finally {
      await ds?.destroy();
      await services.dropDatabase(server, name);
    }
  });

  it('a worker killed mid-run: a new worker resumes the job and writes the same bytes; the dead attempt cannot write', async () => {
    const w1 = app.worker!;
    const compiler = w1.get(ReportCompiler);
    let release: (err: Error) => void = () => undefined;
    const hung = new Promise<never>((_, reject) => (release = reject));
    hung.catch(() => undefined);
    let reached: () => void = () => undefined;
    const atFourthGroup = new Promise<void>((resolve) => (reached = resolve));
    // W1 stops for good after its third figure group (the run's own hook between groups).
    const stopListening = compiler.onSectionCompiled(({ step }) => {
      if (step !== 3) return;
      reached();
      return hung;
    });
    const redis = new Redis(process.env.CX_TEST_REDIS_URL!);
    let w2: Awaited<ReturnType<typeof createWorker>> | null = null;
    try {
      const { id } = await compile(2031);
      await atFourthGroup;
      expect(await job(id)).toMatchObject({
        status: 'RUNNING',
        progress: Math.floor((3 * 100) / COMPILE_STEPS),
        runs: 1,
      });
      // The "kill": W1 stops taking part without finishing the job or renewing its lock …
      await w1.get(ReportsProcessor).worker.close(true);
      // … and the 30 s lock a dead process leaves behind runs out (fast-forwarded).
      await redis.del(`${process.env.CX_TEST_QUEUE_PREFIX}:reports:reports.compile__${id}:lock`);
      w2 = await createWorker(testConfig());
      const finished = await done(id);
      expect(finished).toMatchObject({ status: 'DONE', progress: 100, runs: 2, sha256: first.sha256 });
      // The first attempt wakes up (its connection dies with it); fenced by run_id, it changes nothing.
      release(new Error('worker process killed'));
      await new Promise((r) => setTimeout(r, 500));
      expect(await job(id)).toMatchObject({ status: 'DONE', runs: 2, sha256: first.sha256, error: null });
      const outputs = async (rid: string) =>
        app.db.query(
          `SELECT format, content FROM report_output WHERE report_id = $1 AND format <> 'pdf' ORDER BY format`,
          [rid],
        );
      expect(await outputs(id)).toEqual(await outputs(first.id));
    } finally {
      stopListening();
      release(new Error('test over'));
      redis.disconnect();
      await w2?.close();
    }
  }, 90000);
});
