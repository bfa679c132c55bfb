import { Actor, CancerArea, Modality, ProviderKind, Role } from '@app/core';
import type { Provider, Region } from '@app/reference';
import ExcelJS from 'exceljs';
import { readSheet, unpackedSize } from './import-file';
import { parseStart, validateSheet } from './import-rows';

const region = (code: number, name: string, over: Partial<Region> = {}): Region => ({
  code,
  name,
  isoCode: '',
  slug: '',
  validFrom: null,
  validTo: null,
  successorCode: null,
  ...over,
});
const REGIONS = new Map<number, Region>([
  [1081, region(1081, 'Region Nordjylland')],
  [1084, region(1084, 'Region Hovedstaden', { validTo: '2026-12-31', successorCode: 1086 })],
  [1085, region(1085, 'Region Sjælland', { validTo: '2026-12-31', successorCode: 1086 })],
  [1086, region(1086, 'Region Østdanmark', { validFrom: '2027-01-01' })],
]);
const provider = (key: string, regionCode: number | null, over: Partial<Provider> = {}): Provider => ({
  id: `00000000-0000-4000-8000-${String(key.length).padStart(6, '0')}${key
    .slice(0, 6)
    .padEnd(6, '0')
    .replace(/[^0-9a-f]/g, 'a')}`,
  key,
  name: key.toUpperCase(),
  kind: regionCode === null ? ProviderKind.FOREIGN : ProviderKind.PUBLIC,
  regionCode,
  country: 'DK',
  lat: 55,
  lon: 12,
  cancerAreas: [CancerArea.BREAST, CancerArea.LUNG],
  modalities: [Modality.SURGERY, Modality.CHEMOTHERAPY],
  active: true,
  createdAt: new Date(),
  ...over,
});
const HERLEV = provider('herlev', 1084);
const AALBORG = provider('aalborg', 1081);
const KIEL = provider('kiel', null);
const planner = (regionCode: number): Actor => ({
  userId: 'u',
  email: 'p@x',
  role: Role.PLANNER,
  regionCode,
  cancerAreas: [],
});
const ctx = (actor: Actor = planner(1084)) => ({
  actor,
  providers: [HERLEV, AALBORG, KIEL],
  regions: REGIONS,
  now: new Date('2026-12-01T10:00:00Z'),
  areaNames: new Map([
    ['BREAST', 'Brystkræft'],
    ['LUNG', 'Lungekræft'],
    ['URINARY', 'Kræft i urinvejene'],
  ]),
  modalityNames: new Map([
    ['SURGERY', 'Operation'],
    ['CHEMOTHERAPY', 'Kemoterapi'],
    ['DIAGNOSTIC', 'Forundersøgelse/udredning'],
  ]),
});
const csv = (text: string) => readSheet('kapacitet.csv', Buffer.from(text, 'utf8'));

describe('parseStart', () => {
  it('reads Copenhagen local date and time in the usual Danish spellings, DST-correct', () => {
    for (const raw of [
      '2027-03-01 08:00',
      '2027-03-01T08:00',
      '01-03-2027 08.00',
      '1.3.2027 8:00',
      '01/03/2027 kl. 08.00',
      '2027-03-01 08:00:00',
    ]) {
      expect([raw, parseStart(raw)]).toEqual([raw, { starts: new Date('2027-03-01T07:00:00Z'), date: '2027-03-01' }]);
    }
    expect(parseStart('2027-07-01 08:00')).toEqual({ starts: new Date('2027-07-01T06:00:00Z'), date: '2027-07-01' });
    // Autumn: 02:30 happens twice; the first (summer time) is meant.
    expect(parseStart('31-10-2027 02:30')).toEqual({ starts: new Date('2027-10-31T00:30:00Z'), date: '2027-10-31' });
  });

  it('reads an ISO instant with offset as that instant, dated in Copenhagen', () => {
    expect(parseStart('2027-03-01T23:30:00Z')).toEqual({
      starts: new Date('2027-03-01T23:30:00Z'),
      date: '2027-03-02',
    });
    expect(parseStart('2027-03-01T08:00:00+0100')).toEqual({
      starts: new Date('2027-03-01T07:00:00Z'),
      date: '2027-03-01',
    });
  });

  it('explains what is wrong in Danish: unreadable, no such date, no time, the spring-forward gap', () => {
    expect(parseStart('i morgen')).toMatch(/kan ikke læses/);
    expect(parseStart('2027-02-30 08:00')).toMatch(/findes ikke/);
    expect(parseStart('2027-02-30T08:00:00Z')).toMatch(/ikke et gyldigt/);
    expect(parseStart('01-03-2027')).toMatch(/mangler klokkeslæt/);
    expect(parseStart('01-03-2027 24:00')).toMatch(/ugyldigt/);
    expect(parseStart('28-03-2027 02:30')).toMatch(/findes ikke den 28-03-2027.*sommertid/);
  });
});

describe('readSheet', () => {
  it('reads ; and , separated UTF-8 with or without BOM, and refuses another encoding with advice', async () => {
    const semi = await readSheet(
      'a.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('leverandør;varighed\nherlev;"90,5"\n\n')]),
    );
    expect(semi).toEqual({
      format: 'CSV',
      header: ['leverandør', 'varighed'],
      rows: [{ row: 2, cells: ['herlev', '90,5'] }],
    });
    const comma = await csv('provider,durationMinutes\r\nherlev,90\r\n');
    expect(comma.header).toEqual(['provider', 'durationMinutes']);
    await expect(readSheet('a.csv', Buffer.from('leverandør;varighed\nHvidovre;90\n', 'latin1'))).rejects.toMatchObject(
      { code: 'BAD_USER_INPUT', field: 'file', message: expect.stringMatching(/UTF-8/) },
    );
  });

  it('reads the first worksheet of an XLSX, dates as the wall-clock time in the cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kapacitet');
    ws.addRow(['Leverandør', 'Start', 'Varighed']);
    ws.addRow(['herlev', new Date(Date.UTC(2027, 2, 1, 8, 0)), 90]);
    ws.addRow([]);
    ws.addRow(['herlev', '2027-03-02 09:15', { formula: '45*2', result: 90 }]);
    const sheet = await readSheet('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet).toEqual({
      format: 'XLSX',
      header: ['Leverandør', 'Start', 'Varighed'],
      rows: [
        { row: 2, cells: ['herlev', '2027-03-01 08:00', '90'] },
        { row: 4, cells: ['herlev', '2027-03-02 09:15', '90'] },
      ],
    });
  });

  it('refuses an XLSX that would unpack to more than 100 MB (zip bomb) before inflating it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('K').addRow(['x'.repeat(1000)]);
    const small = Buffer.from(await wb.xlsx.writeBuffer());
    expect(unpackedSize(small)).toBeGreaterThan(1000);
    expect(unpackedSize(small)).toBeLessThan(100_000);
    // The same file claiming a 200 MB entry in its central directory.
    const bomb = Buffer.from(small);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bomb.writeUInt32LE(200 * 1024 * 1024, bomb.readUInt32LE(eocd + 16) + 24);
    await expect(readSheet('a.xlsx', bomb)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    expect(unpackedSize(Buffer.from('PK\x03\x04 not a zip'))).toBeNull();
  });

  it('refuses more than 10,000 rows and more than 5 MB as PAYLOAD_TOO_LARGE', async () => {
    const rows = 'h\n' + 'x\n'.repeat(10_001);
    await expect(csv(rows)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    await expect(readSheet('a.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x61))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect((await csv('h\n' + 'x\n'.repeat(10_000))).rows).toHaveLength(10_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('K');
    for (let i = 0; i <= 10_001; i++) ws.addRow([`r${i}`]);
    await expect(readSheet('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('validateSheet', () => {
  const HEADER = 'Leverandør;Kræftområde;Modalitet;Start;Varighed (min);Antal;Eksternt ID;Kommentar';

  it('maps Danish headers and values, counts rows and keeps valid ones', async () => {
    const v = await validateSheet(
      await csv(
        `${HEADER}\nherlev;Brystkræft;Operation;01-03-2027 08:00;90;2;B-1;x\nHERLEV;LUNG;kemo;2027-03-01T09:00:00+01:00;"45,0";;;\n`,
      ),
      ctx(),
    );
    expect(v.issues).toEqual([]);
    expect(v.ignoredColumns).toEqual(['Kommentar']);
    expect(v.columns).toMatchObject({
      provider: 'Leverandør',
      durationMinutes: 'Varighed (min)',
      externalId: 'Eksternt ID',
    });
    expect(
      v.rows.map((r) => [
        r.row,
        r.provider.key,
        r.cancerArea,
        r.modality,
        r.starts.toISOString(),
        r.durationMinutes,
        r.count,
        r.externalId,
      ]),
    ).toEqual([
      [2, 'herlev', 'BREAST', 'SURGERY', '2027-03-01T07:00:00.000Z', 90, 2, 'B-1'],
      [3, 'herlev', 'LUNG', 'CHEMOTHERAPY', '2027-03-01T08:00:00.000Z', 45, 1, null],
    ]);
  });

  it('reports every problem with row, column as in the file, value and a Danish message', async () => {
    const file = [
      HEADER,
      'ukendt;Brystkræft;Operation;01-03-2027 08:00;90;;;',
      'herlev;Hjertekræft;Operation;01-03-2027 08:00;90;;;',
      'herlev;Kræft i urinvejene;Operation;01-03-2027 08:00;90;;;',
      'herlev;Brystkræft;Fysioterapi;01-03-2027 08:00;90;;;',
      'herlev;Brystkræft;Operation;01-11-2026 08:00;90;;;',
      'herlev;Brystkræft;Operation;01-03-2027 08:00;7,5;;;',
      'herlev;Brystkræft;Operation;01-03-2027 09:00;90;21;;',
      'aalborg;Brystkræft;Operation;01-03-2027 08:00;90;;;',
      'kiel;Brystkræft;Operation;01-03-2027 08:00;90;;;',
      'herlev;Brystkræft;Operation;01-03-2027 10:00;90;;010190-1234;',
      'herlev;Brystkræft;Operation;01-03-2030 10:00;90;;;',
      ';;;;;;;x',
      'herlev;Brystkræft;Operation;02-03-2027 08:00;90;;;',
      'herlev;brystkræft;operation;2027-03-02 08:00;60;;;',
    ].join('\n');
    const v = await validateSheet(await csv(file), ctx());
    expect(v.issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [2, 'Leverandør', 'ukendt'],
      [3, 'Kræftområde', 'Hjertekræft'],
      [4, 'Kræftområde', 'Kræft i urinvejene'],
      [5, 'Modalitet', 'Fysioterapi'],
      [6, 'Start', '01-11-2026 08:00'],
      [7, 'Varighed (min)', '7,5'],
      [8, 'Antal', '21'],
      [9, 'Leverandør', 'aalborg'],
      [10, 'Leverandør', 'kiel'],
      [11, 'Eksternt ID', '010190-1234'],
      [12, 'Start', '01-03-2030 10:00'],
      [13, 'Leverandør', ''],
      [13, 'Kræftområde', ''],
      [13, 'Modalitet', ''],
      [13, 'Start', ''],
      [13, 'Varighed (min)', ''],
      [15, 'Start', '2027-03-02 08:00'],
    ]);
    const msg = (row: number) => v.issues.find((i) => i.row === row)!.message;
    expect(msg(2)).toMatch(/Ukendt.*leverandør «ukendt»/);
    expect(msg(4)).toBe('HERLEV behandler ikke Kræft i urinvejene.');
    expect(msg(6)).toMatch(/passeret/);
    expect(msg(7)).toMatch(/helt tal fra 5 til 1\.440/);
    expect(msg(9)).toBe(
      'Du kan kun lægge kapacitet ud for din egen regions leverandører; AALBORG hører under Region Nordjylland den 01-03-2027.',
    );
    expect(msg(10)).toMatch(/udenlandsk leverandør.*sekretariatet/);
    expect(msg(11)).toMatch(/CPR-nummer/);
    expect(msg(12)).toMatch(/to år/);
    expect(msg(15)).toMatch(/række 14.*antal/);
    expect(v.rows.map((r) => r.row)).toEqual([14]);
  });

  it('applies region rules on the slot date: after the 2027 merger a Sjælland planner may publish at Hovedstaden', async () => {
    const file = `${HEADER}\nherlev;Brystkræft;Operation;31-12-2026 08:00;90;;;\nherlev;Brystkræft;Operation;04-01-2027 08:00;90;;;`;
    const v = await validateSheet(await csv(file), ctx(planner(1085)));
    expect(v.issues.map((i) => i.row)).toEqual([2]);
    expect(v.rows.map((r) => r.row)).toEqual([3]);
    const secretariat: Actor = { userId: 's', email: 's@x', role: Role.SECRETARIAT, regionCode: null, cancerAreas: [] };
    expect(
      (await validateSheet(await csv(`${HEADER}\nkiel;Brystkræft;Operation;04-01-2027 08:00;90;;;`), ctx(secretariat)))
        .issues,
    ).toEqual([]);
  });

  it('names missing and doubled columns on row 1 and reads nothing else', async () => {
    const v = await validateSheet(await csv('Leverandør;Start;leverandor\nherlev;01-03-2027 08:00;x'), ctx());
    expect(v.rows).toEqual([]);
    expect(v.issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'leverandor'],
      [1, 'kræftområde'],
      [1, 'modalitet'],
      [1, 'varighed'],
    ]);
  });

  it('refuses the same external id twice in a file', async () => {
    const v = await validateSheet(
      await csv(
        `${HEADER}\nherlev;Brystkræft;Operation;01-03-2027 08:00;90;;A;\nherlev;Lungekræft;Operation;01-03-2027 09:00;90;;A;`,
      ),
      ctx(),
    );
    expect(v.issues.map((i) => [i.row, i.column])).toEqual([[3, 'Eksternt ID']]);
  });
});
