import { copenhagenToUtc } from '@app/capacity';
import { todayInCopenhagen } from '@app/deadline';
import ExcelJS from 'exceljs';
import { bootApp, TestApp } from './support/harness';

const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const PLANNER_N = 'planner.nordjylland@demo.dk';
const COLLAB_BREAST = 'collab.breast@demo.dk';
const OBSERVER = 'observer@demo.dk';

const YEAR = Number(todayInCopenhagen().slice(0, 4)) + 1;
/** Danish spelling of a local date next year: dmy('08-11') = 11-08-YEAR. */
const dmy = (mmdd: string) => `${mmdd.slice(3)}-${mmdd.slice(0, 2)}-${YEAR}`;
const at = (mmdd: string, hhmm: string) => copenhagenToUtc(`${YEAR}-${mmdd}`, hhmm).toISOString();
const RUN = Date.now().toString(36);
const HEADER = ['Leverandør', 'Kræftområde', 'Modalitet', 'Start', 'Varighed', 'Antal', 'Eksternt id'];

type Row = (string | number | Date)[];
const csvOf = (rows: Row[], sep = ';') =>
  Buffer.from('\ufeff' + [HEADER, ...rows].map((r) => r.join(sep)).join('\r\n') + '\r\n', 'utf8');
async function xlsxOf(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ledig kapacitet');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('capacity import: POST /capacity/import (CSV and XLSX)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = async (as: string | null, file: Buffer, name: string, mode?: string) => {
    const req = app.http().post(`/capacity/import${mode ? `?mode=${mode}` : ''}`);
    if (as) req.set('authorization', `Bearer ${await app.token(as)}`);
    return req.attach('file', file, name);
  };
  const slotsWithExternal = (prefix: string) =>
    app.db.query(
      `SELECT id, external_id, seq, status, import_id, starts_at, duration_minutes FROM slot WHERE external_id LIKE $1 ORDER BY external_id, seq`,
      [`${prefix}%`],
    );

  it('CSV: a dry run reports bad rows in Danish and what would be created, and writes nothing', async () => {
    const ext = `${RUN}-dry-`;
    const file = csvOf([
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-10')} 08:00`, 90, 2, `${ext}1`],
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-10')} 10:00`, '45,0', '', `${ext}2`],
      ['rh-herlev-hospital', 'Hjertekræft', 'Operation', `${dmy('08-10')} 11:00`, 90, '', `${ext}3`],
      ['rn-aalborg-universitetshospital', 'Brystkræft', 'Operation', `${dmy('08-10')} 12:00`, 90, '', `${ext}4`],
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', '31-02-2027 08:00', 90, '', `${ext}5`],
    ]);
    const res = await post(PLANNER_H, file, 'herlev-august.csv', 'dry-run');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mode: 'dry-run',
      committed: false,
      importId: null,
      fileName: 'herlev-august.csv',
      format: 'CSV',
      rows: 5,
      validRows: 2,
      slots: 3,
      slotsNew: 3,
      slotsExisting: 0,
      errorCount: 3,
    });
    expect(res.body.errors.map((e: any) => [e.row, e.column, e.value])).toEqual([
      [4, 'Kræftområde', 'Hjertekræft'],
      [5, 'Leverandør', 'rn-aalborg-universitetshospital'],
      [6, 'Start', '31-02-2027 08:00'],
    ]);
    expect(res.body.errors[1].message).toMatch(/^Du kan kun lægge kapacitet ud for din egen regions leverandører/);
    expect(res.body.preview[0]).toMatchObject({
      row: 2,
      provider: 'Herlev Hospital',
      startLocal: `${YEAR}-08-10 08:00`,
      count: 2,
      existing: 0,
    });
    expect(await slotsWithExternal(ext)).toEqual([]);
    // No mode is a dry run too.
    expect((await post(PLANNER_H, file, 'herlev-august.csv')).body.mode).toBe('dry-run');
  });

  it('CSV: commit with a bad row is refused whole (422, nothing written); fixed, it is written once and audited', async () => {
    const ext = `${RUN}-csv-`;
    const good: Row[] = [
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-11')} 08:00`, 90, 2, `${ext}1`],
      ['rh-herlev-hospital', 'BREAST', 'SURGERY', at('08-11', '10:00'), 60, '', `${ext}2`],
      ['rh-herlev-hospital', 'Brystkræft', 'Kemoterapi', `${dmy('08-11')} 07.17`, 30, 3, ''],
    ];
    const bad = await post(
      PLANNER_H,
      csvOf([...good, ['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-11')} 09:00`, 4, '', `${ext}9`]]),
      'uge-32.csv',
      'commit',
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      mode: 'commit',
      committed: false,
      importId: null,
      errorCount: 1,
      errors: [{ row: 5, column: 'Varighed', value: '4' }],
    });
    expect(await slotsWithExternal(ext)).toEqual([]);
    expect(await app.db.query(`SELECT 1 FROM capacity_import WHERE file_name = 'uge-32.csv'`)).toEqual([]);

    const file = csvOf(good, ',');
    const res = await post(PLANNER_H, file, 'uge-32.csv', 'commit');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      committed: true,
      rows: 3,
      validRows: 3,
      slots: 6,
      slotsNew: 6,
      slotsExisting: 0,
      errorCount: 0,
    });
    const importId = res.body.importId;
    const slots = await slotsWithExternal(ext);
    expect(slots.map((s: any) => [s.external_id, s.seq, s.status, s.import_id])).toEqual([
      [`${ext}1`, 0, 'FREE', importId],
      [`${ext}1`, 1, 'FREE', importId],
      [`${ext}2`, 0, 'FREE', importId],
    ]);
    expect(new Date(slots[0].starts_at).toISOString()).toBe(at('08-11', '08:00'));
    const chemo = await app.db.query(
      `SELECT seq, duration_minutes FROM slot WHERE import_id = $1 AND modality = 'CHEMOTHERAPY' ORDER BY seq`,
      [importId],
    );
    expect(chemo).toEqual([0, 1, 2].map((seq) => ({ seq, duration_minutes: 30 })));

    const [record] = await app.db.query(`SELECT * FROM capacity_import WHERE id = $1`, [importId]);
    expect(record).toMatchObject({
      actor_label: PLANNER_H,
      file_name: 'uge-32.csv',
      format: 'CSV',
      row_count: 3,
      slots_created: 6,
      slots_existing: 0,
    });
    const audit = await app.db.query(
      `SELECT action, after FROM audit_log WHERE entity_type = 'slot' AND entity_id IN (SELECT id::text FROM slot WHERE import_id = $1)`,
      [importId],
    );
    expect(audit).toHaveLength(6);
    expect(
      audit.every((a: any) => a.action === 'slot.import' && a.after.importId === importId && a.after.status === 'FREE'),
    ).toBe(true);
    expect(
      await app.db.query(`SELECT action FROM audit_log WHERE entity_type = 'capacityImport' AND entity_id = $1`, [
        importId,
      ]),
    ).toEqual([{ action: 'capacityImport.commit' }]);

    // Re-importing the same file creates nothing and says how many were already there.
    const again = await post(PLANNER_H, file, 'uge-32.csv', 'commit');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ committed: true, slots: 6, slotsNew: 0, slotsExisting: 6 });
    expect(await slotsWithExternal(ext)).toHaveLength(3);
    expect(
      (
        await app.db.query(`SELECT count(*)::int AS n FROM slot WHERE import_id = $1 OR import_id = $2`, [
          importId,
          again.body.importId,
        ])
      )[0].n,
    ).toBe(6);
    const dry = await post(PLANNER_H, file, 'uge-32.csv', 'dry-run');
    expect(dry.body).toMatchObject({ slotsNew: 0, slotsExisting: 6 });
    expect(dry.body.preview.map((p: any) => p.existing)).toEqual([2, 1, 3]);

    // The same booking id with another start is an error, not a silent change or a duplicate.
    const moved = await post(
      PLANNER_H,
      csvOf([['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-12')} 08:00`, 90, 1, `${ext}2`]]),
      'flyttet.csv',
      'commit',
    );
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Eksternt id',
        message: expect.stringMatching(/findes allerede.*andre oplysninger/),
      }),
    ]);

    const list = await app
      .http()
      .get('/capacity/imports')
      .set('authorization', `Bearer ${await app.token(PLANNER_H)}`)
      .expect(200);
    expect(list.body.map((i: any) => i.id)).toEqual(expect.arrayContaining([importId, again.body.importId]));
    const others = await app
      .http()
      .get('/capacity/imports')
      .set('authorization', `Bearer ${await app.token(PLANNER_N)}`)
      .expect(200);
    expect(others.body.map((i: any) => i.id)).not.toContain(importId);
  });

  it('a slot published by hand at the same start counts as already there', async () => {
    const pid = await app.providerId('rh-herlev-hospital');
    await app.ok(
      `mutation($i: PublishSlotsInput!) { publishSlots(input: $i) { id } }`,
      {
        i: {
          providerId: pid,
          cancerArea: 'BREAST',
          modality: 'SURGERY',
          starts: [at('08-13', '13:07')],
          durationMinutes: 60,
        },
      },
      PLANNER_H,
    );
    const res = await post(
      PLANNER_H,
      csvOf([['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-13')} 13:07`, 60, 2, '']]),
      'manuel.csv',
      'commit',
    );
    expect(res.body).toMatchObject({ committed: true, slots: 2, slotsNew: 1, slotsExisting: 1 });
  });

  it('XLSX: dry run with good and bad rows, commit, re-import without duplicates', async () => {
    const ext = `${RUN}-xlsx-`;
    const rows: Row[] = [
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', new Date(Date.UTC(YEAR, 8, 14, 8, 0)), 90, 1, `${ext}1`],
      ['rh-herlev-hospital', 'Lungekræft', 'Kemoterapi', `${dmy('09-14')} 09:30`, 45, 2, `${ext}2`],
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', new Date(Date.UTC(YEAR, 8, 14, 8, 0)), 90, 1, `${ext}1`],
      ['de-uksh-kiel', 'Brystkræft', 'Operation', `${dmy('09-14')} 09:30`, 45, 1, `${ext}3`],
    ];
    const dry = await post(PLANNER_H, await xlsxOf(rows), 'kapacitet.xlsx', 'dry-run');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ format: 'XLSX', rows: 4, validRows: 2, slots: 3, slotsNew: 3, errorCount: 2 });
    expect(dry.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [4, 'Eksternt id'],
      [5, 'Leverandør'],
    ]);
    expect(dry.body.errors[1].message).toMatch(/udenlandsk leverandør.*sekretariatet/);
    expect(dry.body.preview[0]).toMatchObject({ startLocal: `${YEAR}-09-14 08:00`, start: at('09-14', '08:00') });
    expect((await post(PLANNER_H, await xlsxOf(rows), 'kapacitet.xlsx', 'commit')).status).toBe(422);
    expect(await slotsWithExternal(ext)).toEqual([]);

    const good = await xlsxOf(rows.slice(0, 2));
    const res = await post(PLANNER_H, good, 'kapacitet.xlsx', 'commit');
    expect([res.status, res.body.slotsNew, res.body.slotsExisting]).toEqual([201, 3, 0]);
    expect((await slotsWithExternal(ext)).map((s: any) => [s.external_id, s.seq])).toEqual([
      [`${ext}1`, 0],
      [`${ext}2`, 0],
      [`${ext}2`, 1],
    ]);
    const again = await post(PLANNER_H, good, 'kapacitet.xlsx', 'commit');
    expect([again.status, again.body.slotsNew, again.body.slotsExisting]).toEqual([201, 0, 3]);
    expect(await slotsWithExternal(ext)).toHaveLength(3);
    // The secretariat may import capacity at foreign providers.
    const foreign = await post(SECRETARIAT, await xlsxOf([rows[3]]), 'kiel.xlsx', 'commit');
    expect([foreign.status, foreign.body.slotsNew]).toEqual([201, 1]);
  });

  it('all or nothing: a failure while writing rolls back every slot, audit row and the import record', async () => {
    const ext = `${RUN}-boom-`;
    await app.db.query(`CREATE OR REPLACE FUNCTION e2e_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = '${ext}3' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await app.db.query(`CREATE TRIGGER e2e_boom BEFORE INSERT ON slot FOR EACH ROW EXECUTE FUNCTION e2e_boom()`);
    try {
      const rows: Row[] = [1, 2, 3, 4].map((i) => [
        'rh-herlev-hospital',
        'Brystkræft',
        'Operation',
        `${dmy('08-20')} 0${i}:00`,
        60,
        1,
        `${ext}${i}`,
      ]);
      const res = await post(PLANNER_H, csvOf(rows), 'boom.csv', 'commit');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    } finally {
      await app.db.query(`DROP TRIGGER e2e_boom ON slot; DROP FUNCTION e2e_boom()`);
    }
    expect(await slotsWithExternal(ext)).toEqual([]);
    expect(await app.db.query(`SELECT 1 FROM capacity_import WHERE file_name = 'boom.csv'`)).toEqual([]);
    expect(
      await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'slot.import' AND after->>'externalId' LIKE $1`, [
        `${ext}%`,
      ]),
    ).toEqual([]);
  });

  it('who may import: planners and the secretariat; collaborations and observers FORBIDDEN; no token 401', async () => {
    const file = csvOf([
      ['rh-herlev-hospital', 'Brystkræft', 'Operation', `${dmy('08-21')} 08:00`, 60, 1, `${RUN}-authz`],
    ]);
    for (const [as, status] of [
      [OBSERVER, 403],
      [COLLAB_BREAST, 403],
      [null, 401],
      [PLANNER_N, 200],
      [PLANNER_H, 200],
      [SECRETARIAT, 200],
    ] as const) {
      const res = await post(as, file, 'a.csv', 'dry-run');
      expect([as, res.status]).toEqual([as, status]);
      if (status === 403) expect(res.body.code).toBe('FORBIDDEN');
      if (status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    // Nordjylland's planner gets a report naming the row, not a blanket refusal.
    const n = await post(PLANNER_N, file, 'a.csv', 'dry-run');
    expect(n.body).toMatchObject({ errorCount: 1, errors: [{ row: 2, column: 'Leverandør' }] });
  });

  it('limits and bad requests: > 5 MB and > 10,000 rows are PAYLOAD_TOO_LARGE; no file, bad mode, wrong field', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x61);
    const tooBig = await post(PLANNER_H, big, 'stor.csv', 'dry-run');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    const many = csvOf(
      Array.from({ length: 10_001 }, (_, i) => [
        'rh-herlev-hospital',
        'Brystkræft',
        'Operation',
        `${dmy('10-01')} 08:00`,
        60,
        1,
        `x${i}`,
      ]),
    );
    const tooMany = await post(PLANNER_H, many, 'mange.csv', 'dry-run');
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toMatch(/10\.001 rækker; højst 10\.000/);

    const token = `Bearer ${await app.token(PLANNER_H)}`;
    const none = await app.http().post('/capacity/import?mode=commit').set('authorization', token).send({});
    expect([none.status, none.body.code, none.body.field]).toEqual([400, 'BAD_USER_INPUT', 'file']);
    const wrongField = await app
      .http()
      .post('/capacity/import')
      .set('authorization', token)
      .attach('upload', Buffer.from('x'), 'a.csv');
    expect([wrongField.status, wrongField.body.field]).toEqual([400, 'file']);
    const mode = await post(PLANNER_H, csvOf([]), 'a.csv', 'yes');
    expect([mode.status, mode.body.field]).toEqual([400, 'mode']);
    const latin1 = await post(PLANNER_H, Buffer.from('Leverandør;Start\nHvidovre;01-01-2027 08:00', 'latin1'), 'a.csv');
    expect([latin1.status, latin1.body.field]).toEqual([400, 'file']);
    expect(latin1.body.message).toMatch(/UTF-8/);
  });
});
