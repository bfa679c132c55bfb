import { AppConfig, AuditService } from '@app/core';
import { FigureRow, ReportCompiler, SECTIONS } from '@app/reporting';
import { bootApp, TestApp, waitFor } from './support/harness';
import { pdfText } from './support/pdf-text';
import { compileReport, download, insertOffer, insertPathway, insertSlot } from './support/report-fixtures';

const SECRETARIAT = 'secretariat@demo.dk';

/*
 * 2036: no other test uses it, and the demo agreements end in 2027, so every price below comes from the agreements
 * this test creates through the API. Hand-computed spending:
 *   O1 1081 BREAST Kiel (DE)        ACCEPTED 03-10  A1 160.000 (A2 150.000 also valid, but A1 has the later valid_to)
 *   O2 1082 LUNG   Kiel (DE)        ACCEPTED 05-02  A1 160.000
 *   O3 1081 BREAST Sahlgrenska (SE) ACCEPTED 06-30  A3 175.000 (its last day)
 *   O4 1083 BREAST Sahlgrenska (SE) ACCEPTED 07-01  A4 185.000 (the new price from 1 July)
 *   O5 1082 BREAST Aleris Aarhus (DK, private) ACCEPTED 03-15  A5 has no price          → no price
 *   O6 1083 BREAST Mølholm (DK, private)       ACCEPTED 08-01  no agreement in 2036     → no price
 *   O7 1081 BREAST UKE Hamburg (DE)            ACCEPTED 09-09  A6 covers LUNG only      → no price
 *   O8 Kiel DECLINED, O9 Rigshospitalet (public) ACCEPTED, O10 Kiel ACCEPTED 2035-12-31: not counted.
 * Total 7 accepted, 680.000 kr., 3 without a price, average 680.000 / 4 = 170.000.
 */
const AGREEMENTS: [string, string, string, string[], number | null][] = [
  ['de-uksh-kiel', '2036-01-01', '2036-12-31', ['BREAST', 'LUNG'], 160000],
  ['de-uksh-kiel', '2036-03-01', '2036-04-30', ['BREAST'], 150000],
  ['se-sahlgrenska-goeteborg', '2036-01-01', '2036-06-30', ['BREAST'], 175000],
  ['se-sahlgrenska-goeteborg', '2036-07-01', '2036-12-31', ['BREAST'], 185000],
  ['priv-aleris-aarhus', '2036-01-01', '2036-12-31', ['BREAST'], null],
  ['de-uke-hamburg', '2036-01-01', '2036-12-31', ['LUNG'], 200000],
];
// [name, region, municipality, area, provider, status, offered on]
const OFFERS: [string, number, number, string, string, string, string][] = [
  ['O1', 1081, 851, 'BREAST', 'de-uksh-kiel', 'ACCEPTED', '2036-03-10'],
  ['O2', 1082, 751, 'LUNG', 'de-uksh-kiel', 'ACCEPTED', '2036-05-02'],
  ['O3', 1081, 851, 'BREAST', 'se-sahlgrenska-goeteborg', 'ACCEPTED', '2036-06-30'],
  ['O4', 1083, 461, 'BREAST', 'se-sahlgrenska-goeteborg', 'ACCEPTED', '2036-07-01'],
  ['O5', 1082, 751, 'BREAST', 'priv-aleris-aarhus', 'ACCEPTED', '2036-03-15'],
  ['O6', 1083, 461, 'BREAST', 'priv-moelholm-vejle', 'ACCEPTED', '2036-08-01'],
  ['O7', 1081, 851, 'BREAST', 'de-uke-hamburg', 'ACCEPTED', '2036-09-09'],
  ['O8', 1081, 851, 'BREAST', 'de-uksh-kiel', 'DECLINED', '2036-03-11'],
  ['O9', 1081, 851, 'BREAST', 'rh-rigshospitalet-onkologi', 'ACCEPTED', '2036-03-12'],
  ['O10', 1081, 851, 'BREAST', 'de-uksh-kiel', 'ACCEPTED', '2035-12-31'],
];

describe('cost of treatment abroad and at private hospitals (issue #19)', () => {
  let app: TestApp;
  let report: { id: string; sha256: string };
  let v: (figure: string, sel?: Partial<FigureRow>) => number | null | undefined;

  beforeAll(async () => {
    app = await bootApp();
    for (const [key, from, to, areas, price] of AGREEMENTS) {
      await app.ok(
        `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`,
        {
          i: {
            providerId: await app.providerId(key),
            validFrom: from,
            validTo: to,
            cancerAreas: areas,
            modalities: ['SURGERY'],
            pricePerCourseDkk: price,
          },
        },
        SECRETARIAT,
      );
    }
    const tag = Date.now().toString(36);
    for (const [name, region, muni, area, provider, status, on] of OFFERS) {
      const p = await insertPathway(app.db, `COST-${tag}-${name}`, {
        region,
        municipality: muni,
        area,
        clockStart: on,
      });
      const s = await insertSlot(
        app.db,
        provider,
        area,
        on.replace(/-\d\d$/, '-28'),
        status === 'ACCEPTED' ? 'BOOKED' : 'FREE',
      );
      await insertOffer(app.db, p, s, status, on, status === 'DECLINED' ? 'DISTANCE' : undefined);
    }
    report = await compileReport(app, 2036);
    const rows: FigureRow[] = JSON.parse((await download(app, report.id, 'json')).body).rows;
    v = (figure, sel = {}) => {
      const want = { cancerArea: 'ALL', region: 'ALL', providerKind: 'ALL', month: 'ALL', category: '', ...sel };
      return rows.find(
        (r) => r.figure === figure && (Object.keys(want) as (keyof typeof want)[]).every((k) => r[k] === want[k]),
      )?.value;
    };
  }, 120000);
  afterAll(async () => {
    await app.close();
  });

  /** The PDF is printed by its own job after the compile. */
  async function waitForPdf(id: string): Promise<void> {
    await waitFor(async () => (await download(app, id, 'pdf', SECRETARIAT, true)).status === 200, 240000, 500);
  }

  const triple = (sel: Partial<FigureRow>) => [
    v('cost.accepted', sel),
    v('cost.spending_dkk', sel),
    v('cost.no_price', sel),
  ];

  it('totals: accepted offers, spending from the agreement valid on the offer date, offers without a price', () => {
    expect(triple({})).toEqual([7, 680000, 3]);
    expect(v('cost.average_dkk')).toBe(170000);
  });

  it('per region, cancer area, country and provider kind', () => {
    expect(triple({ region: '1081' })).toEqual([3, 335000, 1]);
    expect(triple({ region: '1082' })).toEqual([2, 160000, 1]);
    expect(triple({ region: '1083' })).toEqual([2, 185000, 1]);
    expect(triple({ cancerArea: 'BREAST' })).toEqual([6, 520000, 3]);
    expect(triple({ cancerArea: 'LUNG' })).toEqual([1, 160000, 0]);
    expect(triple({ category: 'DE' })).toEqual([3, 320000, 1]);
    expect(triple({ category: 'SE' })).toEqual([2, 360000, 0]);
    expect(triple({ category: 'DK' })).toEqual([2, 0, 2]);
    expect(triple({ providerKind: 'FOREIGN' })).toEqual([5, 680000, 1]);
    expect(triple({ providerKind: 'PRIVATE' })).toEqual([2, 0, 2]);
    expect(triple({ region: '1081', category: 'DE' })).toEqual([2, 160000, 1]);
    expect(v('cost.average_dkk', { category: 'DK' })).toBeNull();
  });

  it('trend per month', () => {
    const months = ['2036-03', '2036-05', '2036-06', '2036-07', '2036-08', '2036-09'];
    expect(months.map((month) => triple({ month }))).toEqual([
      [2, 160000, 1],
      [1, 160000, 0],
      [1, 175000, 0],
      [1, 185000, 0],
      [1, 0, 1],
      [1, 0, 1],
    ]);
    expect(v('cost.accepted', { month: '2036-01' })).toBeUndefined();
  });

  it('the same figures in CSV and in the HTML', async () => {
    const csv = (await download(app, report.id, 'csv')).body as string;
    expect(csv).toContain('\ncost.spending_dkk,dkk,ALL,ALL,ALL,ALL,,680000\n');
    expect(csv).toContain('\ncost.no_price,count,ALL,ALL,ALL,ALL,,3\n');
    expect(csv).toContain('\ncost.spending_dkk,dkk,ALL,1081,ALL,ALL,,335000\n');
    expect(csv).toContain('\ncost.spending_dkk,dkk,ALL,ALL,ALL,ALL,SE,360000\n');
    expect(csv).toContain('\ncost.spending_dkk,dkk,ALL,ALL,ALL,2036-07,,185000\n');
    const html = (await download(app, report.id, 'html')).body as string;
    expect(html).toContain('Udgift i alt: <strong>680.000 kr.</strong> for <strong>7</strong> accepterede tilbud.');
    expect(html).toContain('<strong>3</strong> accepterede tilbud har ingen pris i aftalen');
    expect(html).toContain(
      '<tr><th scope="row">Sverige</th><td class="n">2</td><td class="n">360.000 kr.</td><td class="n">0</td><td class="n">180.000 kr.</td></tr>',
    );
  });

  describe('the PDF for the board', () => {
    it('is printed by its own job after the compile, audited', async () => {
      await waitForPdf(report.id);
      const log = await app.db.query(
        `SELECT action FROM audit_log WHERE entity_type = 'report' AND entity_id = $1 ORDER BY id`,
        [report.id],
      );
      expect(log.map((r: any) => r.action)).toEqual(['report.compile', 'report.done', 'report.pdf']);
    }, 300000);

    it('/reports/:id.pdf: A4 PDF of more than one page with every section title, for secretariat and observers', async () => {
      const res = await download(app, report.id, 'pdf', 'observer@demo.dk', true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('inline; filename="kapacitetsrapport-2036.pdf"');
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = await pdfText(bytes);
      expect(pages.length).toBeGreaterThan(1);
      const text = pages.join('\n');
      for (const s of SECTIONS) expect(text).toContain(s.title);
      expect(text).toContain('Udgift i alt: 680.000 kr.');
      expect(pages[pages.length - 1]).toContain(`Side ${pages.length} af ${pages.length}`);
      expect((await download(app, report.id, 'pdf', SECRETARIAT, true)).status).toBe(200);
      expect((await download(app, report.id, 'pdf', 'planner.hovedstaden@demo.dk', true)).status).toBe(403);
      expect((await download(app, report.id, 'pdf', null, true)).status).toBe(401);
    });

    it('the same data gives the same PDF text (and bytes) when compiled again', async () => {
      const again = await compileReport(app, 2036);
      expect(again.sha256).toBe(report.sha256);
      await waitForPdf(again.id);
      const a = (await download(app, report.id, 'pdf', SECRETARIAT, true)).body as Buffer;
      const b = (await download(app, again.id, 'pdf', SECRETARIAT, true)).body as Buffer;
      expect(await pdfText(b)).toEqual(await pdfText(a));
      expect(b.equals(a)).toBe(true);
    }, 300000);

    it('without Chromium the report is still compiled, and the PDF download says why there is none', async () => {
      const [{ id }] = await app.db.query(`INSERT INTO report (year, status) VALUES (2036, 'QUEUED') RETURNING id`);
      const compiler = new ReportCompiler(app.db, new AuditService(app.db), {
        chromiumPath: '/nonexistent/chromium',
      } as AppConfig);
      expect(await compiler.run(id)).toMatchObject({ status: 'DONE', sha256: report.sha256 });
      expect((await download(app, id, 'html', SECRETARIAT)).status).toBe(200);
      const printing = await download(app, id, 'pdf', SECRETARIAT);
      expect([printing.status, JSON.parse(printing.body).message]).toEqual([
        409,
        `The PDF of report ${id} is being printed; try again in a moment`,
      ]);
      expect(await compiler.printPdf(id)).toMatchObject({ status: 'NO_CHROMIUM' });
      const res = await download(app, id, 'pdf', SECRETARIAT);
      expect(res.status).toBe(409);
      expect(JSON.parse(res.body)).toEqual({
        code: 'INVALID_STATE',
        message: expect.stringMatching(/has no PDF\. No PDF: Chromium was not found at \/nonexistent\/chromium/),
      });
      const job = (await app.ok<any>(`query($id: ID!) { reportJob(id: $id) { status error } }`, { id }, SECRETARIAT))
        .reportJob;
      expect(job).toEqual({ status: 'DONE', error: expect.stringContaining('Chromium was not found') });
    }, 120000);
  });
});
