import { XMLValidator } from 'fast-xml-parser';
import { FigureRow } from '../figures/query';
import { ALL, SECTIONS } from '../figures/registry';
import { assembleReport, ReportData, RowSelector } from '../model';
import { periodOf } from '../period';
import { row } from '../../../../test/support/report-rows';
import { CSV_COLUMNS, renderCsv } from './csv';
import { renderHtml } from './html';
import { renderReport } from './index';
import { renderJson } from './json';

const DIMENSIONS: ReportData['dimensions'] = {
  cancerAreas: [
    { code: 'BREAST', name: 'Brystkræft' },
    { code: 'LUNG', name: 'Lungekræft' },
  ],
  regions: [
    { code: 1081, name: 'Region Nordjylland', validFrom: '2007-01-01', validTo: null, successorCode: null },
    { code: 1084, name: 'Region Hovedstaden', validFrom: '2007-01-01', validTo: '2026-12-31', successorCode: 1086 },
    { code: 1086, name: 'Region Østdanmark', validFrom: '2027-01-01', validTo: null, successorCode: null },
  ],
};

/** A small report with a row in every kind of place, deliberately in a scrambled order. */
const ROWS: FigureRow[] = [
  row('offers.made', 3, { cancerArea: 'LUNG' }),
  row('offers.made', 7),
  row('offers.made', 4, { cancerArea: 'BREAST' }),
  row('offers.accepted', 2, { cancerArea: 'BREAST' }),
  row('offers.declined', 2, { cancerArea: 'LUNG' }),
  row('offers.made', 5, { month: '2031-03' }),
  row('offers.made', 2, { month: '2031-11' }),
  row('offers.made', 7, { region: '1086' }),
  row('slots.published', 1200),
  row('slots.share_used_by_other_regions', 0.2222),
  row('slots.published', 10, { region: '' }),
  row('declines.by_reason', 1, { category: 'TIMING' }),
  row('declines.by_reason', 2, { category: 'ABROAD' }),
  row('declines.by_reason', 2, { category: 'ABROAD', cancerArea: 'LUNG' }),
  row('abroad.made', 4, { providerKind: 'FOREIGN' }),
  row('abroad.accepted', 1, { providerKind: 'FOREIGN' }),
  row('abroad.declined', 3, { providerKind: 'FOREIGN' }),
  row('abroad.declined_share', 0.75, { providerKind: 'FOREIGN' }),
  row('abroad.made', 4, { providerKind: 'FOREIGN', cancerArea: 'BREAST' }),
  row('abroad.declined', 3, { providerKind: 'FOREIGN', cancerArea: 'BREAST' }),
  row('abroad.declined_by_reason', 2, { providerKind: 'FOREIGN', category: 'ABROAD' }),
  row('abroad.declined_by_reason', 1, { providerKind: 'FOREIGN', category: 'DISTANCE' }),
  row('time_to_offer.median_days', 4.5),
  row('days_gained.average', null),
  row('meetings.decisions', 2, { category: 'OFFER_MADE' }),
  row('meetings.decisions', 1, { category: 'ESCALATE', region: '' }),
  row('outcome.treated', 1, { providerKind: '' }),
];

const data = (rows = ROWS, year = 2031): ReportData => assembleReport(periodOf(year), DIMENSIONS, rows);
const shuffled = (rows: FigureRow[]) =>
  rows
    .map((r, i) => ({ r, k: (i * 7919) % 101 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);

describe('report renderers', () => {
  it('sorts rows one way whatever order the database returned them in', () => {
    expect(renderJson(data(shuffled(ROWS)))).toBe(renderJson(data(ROWS)));
    const figures = data().rows.map((r) => r.figure);
    const registryOrder = SECTIONS.flatMap((s) => s.figures.map((f) => f.key));
    expect(figures.map((f) => registryOrder.indexOf(f))).toEqual(
      [...figures.map((f) => registryOrder.indexOf(f))].sort((a, b) => a - b),
    );
    const made = data().rows.filter((r) => r.figure === 'offers.made');
    expect(made.map((r) => [r.cancerArea, r.region, r.month])).toEqual([
      [ALL, ALL, ALL],
      [ALL, ALL, '2031-03'],
      [ALL, ALL, '2031-11'],
      [ALL, '1086', ALL],
      ['BREAST', ALL, ALL],
      ['LUNG', ALL, ALL],
    ]);
  });

  it('JSON: parseable, with definitions and rows, no time stamps', () => {
    const text = renderJson(data());
    const parsed = JSON.parse(text);
    expect(parsed.title).toBe('Årlig statusrapport om kapacitet 2031');
    expect(parsed.period).toEqual(expect.objectContaining({ from: '2031-01-01', lastDay: '2031-12-31' }));
    expect(parsed.sections.find((s: any) => s.key === 'abroad').figures[0]).toEqual(
      expect.objectContaining({ key: 'abroad.made', sql: 'count(*)' }),
    );
    expect(parsed.rows).toHaveLength(ROWS.length);
    expect(parsed.rows[0]).toEqual({
      figure: 'slots.published',
      cancerArea: ALL,
      region: ALL,
      providerKind: ALL,
      month: ALL,
      category: '',
      value: 1200,
    });
    expect(text).not.toMatch(/generated|createdAt|T\d\d:\d\d/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(renderJson(data([])))).toEqual(expect.objectContaining({ rows: [] }));
  });

  it('CSV: one tidy table, header first, plain numbers, empty cell for no value', () => {
    const lines = renderCsv(data()).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('metric,unit,cancer_area,region,provider_kind,month,category,value');
    expect(lines).toHaveLength(ROWS.length + 1);
    expect(lines[1]).toBe('slots.published,count,ALL,ALL,ALL,ALL,,1200');
    expect(lines).toContain('slots.share_used_by_other_regions,share,ALL,ALL,ALL,ALL,,0.2222');
    expect(lines).toContain('abroad.declined_by_reason,count,ALL,ALL,FOREIGN,ALL,ABROAD,2');
    expect(lines).toContain('days_gained.average,days,ALL,ALL,ALL,ALL,,');
  });

  it('HTML: Danish page, well-formed, charts as inline SVG, tables, definitions appendix', async () => {
    const html = await renderHtml(data(), 'abc123');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="da"')).toBe(true);
    expect(html).toContain('<title>Årlig statusrapport om kapacitet 2031</title>');
    expect(XMLValidator.validate(html)).toBe(true);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(5);
    for (const svg of svgs) expect(svg).toMatch(/viewBox="0 0 \d+/);
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
    expect(html).toContain('Tilbud pr. kræftområde og svar');
    expect(html).toContain('Tilbud i udlandet: accepteret og afslået');
    expect(html).toContain('Afslag på tilbud i udlandet fordelt på årsag');
    expect(html).toContain('Udvikling pr. måned');
    expect(html).toMatch(/I perioden blev der givet <strong>4<\/strong> tilbud om behandling i udlandet/);
    expect(html).toContain('ønsker ikke behandling i udlandet (2)');
    expect(html).toContain('1.200');
    expect(html).toContain('22,2 %');
    expect(html).toContain('Ingen dansk region (udlandet)');
    expect(html).toContain('Intet accepteret tilbud');
    expect(html).toContain(
      'Region Hovedstaden gælder til og med 31. december 2026 og indgår derefter i Region Østdanmark.',
    );
    expect(html).not.toContain('både de gamle regioner og den nye');
    for (const f of SECTIONS.flatMap((s) => s.figures)) expect(html).toContain(`<code>${f.key}</code>`);
    expect(html).toContain('SHA-256 af JSON-udgaven: <code>abc123</code>');
    expect(html).not.toMatch(/<script/);
  });

  it('HTML: an empty period renders without charts but with every section', async () => {
    const html = await renderHtml(data([]), 'x');
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html).toContain('Ingen tilbud i udlandet i perioden.');
    expect((html.match(/<svg/g) ?? []).length).toBe(0);
    for (const s of SECTIONS) expect(html).toContain(`<h2 id="${s.key}">`);
  });

  /** Each section's HTML from its heading to the next heading. */
  const sectionsOf = (html: string) =>
    SECTIONS.map((s) => {
      const start = html.indexOf(`<h2 id="${s.key}">`);
      return { key: s.key, body: html.slice(start, html.indexOf('<h2', start + 1)) };
    });

  it.each([
    ['an empty period', [] as FigureRow[]],
    ['a period with some figures', ROWS],
  ])(
    'HTML, %s: every section shows a table, a chart or an "Ingen …" line, never only its intro',
    async (_name, rows) => {
      const html = await renderHtml(data(rows), 'x');
      for (const { key, body } of sectionsOf(html)) {
        const shows = /<table|<svg|<p class="empty">Ingen /.test(body);
        expect([key, shows]).toEqual([key, true]);
      }
      // The section the board saw empty: "Behandlet i tide efter tilbud".
      const outcome = sectionsOf(await renderHtml(data([]), 'x')).find((x) => x.key === 'outcome')!.body;
      expect(outcome).toContain('<p class="empty">Ingen forløb med tilbud blev behandlet i perioden.</p>');
    },
  );

  it('HTML: the summary groups figures under their section, so the two "Accepteret" are told apart', async () => {
    const html = await renderHtml(data(), 'x');
    const summary = html.slice(
      html.indexOf('<table class="summary">'),
      html.indexOf('</table>', html.indexOf('<table class="summary">')),
    );
    const groups = [
      ...summary.matchAll(
        /<tbody><tr><th scope="rowgroup" colspan="2" class="group"[^>]*>([^<]+)<\/th><\/tr>(.*?)<\/tbody>/g,
      ),
    ];
    const of = (title: string) => groups.find((g) => g[1] === title)?.[2] ?? '';
    expect(of('Tilbud om behandling andetsteds')).toContain(
      '<th scope="row" class="sub">Accepteret</th><td class="n">0</td>',
    );
    expect(of('Tilbud om behandling i udlandet')).toContain(
      '<th scope="row" class="sub">Accepteret</th><td class="n">1</td>',
    );
    expect(of('Tilbud om behandling i udlandet')).toContain(
      '<th scope="row" class="sub">Andel afslået af besvarede</th><td class="n">75,0 %</td>',
    );
  });

  it('HTML: spending on treatment abroad by region, cancer area, country and month, with offers lacking a price', async () => {
    const cost = (figure: string, value: number | null, s: RowSelector = {}) => row(figure, value, s);
    const rows: FigureRow[] = [
      cost('cost.accepted', 3),
      cost('cost.spending_dkk', 330000),
      cost('cost.no_price', 1),
      cost('cost.average_dkk', 165000),
      cost('cost.accepted', 2, { category: 'DE' }),
      cost('cost.spending_dkk', 165000, { category: 'DE' }),
      cost('cost.no_price', 1, { category: 'DE' }),
      cost('cost.accepted', 1, { category: 'SE' }),
      cost('cost.spending_dkk', 165000, { category: 'SE' }),
      cost('cost.accepted', 3, { region: '1081' }),
      cost('cost.spending_dkk', 330000, { region: '1081' }),
      cost('cost.accepted', 3, { month: '2031-03' }),
      cost('cost.spending_dkk', 330000, { month: '2031-03' }),
    ];
    const html = await renderHtml(data(rows), 'x');
    const body = sectionsOf(html).find((x) => x.key === 'cost')!.body;
    expect(body).toContain('Udgift i alt: <strong>330.000 kr.</strong> for <strong>3</strong> accepterede tilbud.');
    expect(body).toContain('<strong>1</strong> accepterede tilbud har ingen pris');
    expect(body).toContain(
      '<tr><th scope="row">Tyskland</th><td class="n">2</td><td class="n">165.000 kr.</td><td class="n">1</td>',
    );
    expect(body).toContain(
      '<tr><th scope="row">Region Nordjylland</th><td class="n">3</td><td class="n">330.000 kr.</td>',
    );
    expect(body).toContain('<tr><th scope="row">mar. 2031</th><td class="n">3</td><td class="n">330.000 kr.</td>');
    expect(body).toContain('<figcaption>Udgift pr. måned</figcaption><svg');
    expect(renderCsv(data(rows))).toContain('cost.spending_dkk,dkk,ALL,ALL,ALL,ALL,DE,165000');
  });

  it('HTML: "Stikprøver" lists the audits of the period with their findings', async () => {
    const audit = {
      id: 'a1',
      title: 'Øvre GI 2031',
      cancerArea: 'BREAST',
      criterion: 'TREATED_LATE',
      periodFrom: '2031-01-01',
      periodTo: '2031-06-30',
      seed: 42,
      perRegion: 2,
      population: 9,
      sampled: 4,
      status: 'CLOSED',
      conclusion: 'Tilbud kom for sent i to regioner.',
      met: 2,
      notMet: 1,
      unclear: 1,
      notAssessed: 0,
    };
    const rows = [
      row('audits.pathways', 4),
      row('audits.pathways', 2, { category: 'MET' }),
      row('audits.pathways', 1, { category: 'NOT_MET' }),
      row('audits.pathways', 1, { category: 'UNCLEAR' }),
    ];
    const html = await renderHtml(assembleReport(periodOf(2031), DIMENSIONS, rows, [audit]), 'x');
    expect(XMLValidator.validate(html)).toBe(true);
    const body = sectionsOf(html).find((x) => x.key === 'audits')!.body;
    expect(body).toContain('<h2 id="audits">Stikprøver</h2>');
    expect(body).toContain(
      '<tr><th scope="row">Øvre GI 2031</th><td class="n">Brystkræft: behandlet efter fristen</td><td class="n">1. januar 2031 – 30. juni 2031</td><td class="n">42</td><td class="n">4 af 9</td><td class="n">2</td><td class="n">1</td><td class="n">1</td><td class="n">0</td><td class="n">Afsluttet</td></tr>',
    );
    expect(body).toContain('Tilbud kom for sent i to regioner.');
    expect(body).toContain('<th scope="row">Handlepligt ikke opfyldt</th>');
    const empty = sectionsOf(await renderHtml(data([]), 'x')).find((x) => x.key === 'audits')!.body;
    expect(empty).toContain('<p class="empty">Ingen stikprøver i perioden.</p>');
    expect(JSON.parse(renderJson(assembleReport(periodOf(2031), DIMENSIONS, rows, [audit]))).audits).toEqual([audit]);
  });

  it('HTML: the table of contents lists every section and carries page numbers when given', async () => {
    const html = await renderHtml(data(), 'x', { tocPages: { sammenfatning: 2, cost: 7 } });
    const nav = html.slice(html.indexOf('<nav>'), html.indexOf('</nav>'));
    for (const s of SECTIONS) expect(nav).toContain(`<a href="#${s.key}">`);
    expect(nav).toContain('<li><a href="#sammenfatning">Sammenfatning</a><span class="page">2</span></li>');
    expect(nav).toContain('<span class="page">7</span>');
  });

  it('a period across the 2027 region merger says it shows old and new regions', async () => {
    const spanning: ReportData = {
      ...data([]),
      period: { year: 2026, quarter: null, from: '2026-12-01', lastDay: '2027-01-31', months: ['2026-12', '2027-01'] },
    };
    expect(await renderHtml(spanning, 'x')).toContain('viser derfor både de gamle regioner og den nye');
  });

  it('same data → same bytes, also when reports render concurrently', async () => {
    const [a, b] = await Promise.all([renderReport(data()), renderReport(data(shuffled(ROWS)))]);
    const c = await renderReport(data());
    for (const format of ['json', 'csv', 'html'] as const) {
      expect(b[format].content).toBe(a[format].content);
      expect(c[format].sha256).toBe(a[format].sha256);
    }
    expect(a.json.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.html.content).toContain(a.json.sha256);
    expect(a.html.bytes).toBe(Buffer.byteLength(a.html.content));
  });

  it('quarter reports say which quarter', () => {
    expect(assembleReport(periodOf(2031, 2), DIMENSIONS, []).title).toBe(
      'Årlig statusrapport om kapacitet 2031 – 2. kvartal',
    );
  });

  describe("SST's outcome categories", () => {
    const o = (value: number, s: RowSelector = {}) => row('sst_outcome.pathways', value, s);
    // 3 finished pathways: Breast in 1086 within the deadline (2) and Lung in 1081 with rules not kept (1).
    const OUTCOME_ROWS: FigureRow[] = [
      o(1, { category: 'RULES_NOT_KEPT' }),
      o(3),
      o(2, { category: 'WITHIN_DEADLINE' }),
      o(2, { cancerArea: 'BREAST' }),
      o(1, { cancerArea: 'LUNG' }),
      o(2, { cancerArea: 'BREAST', category: 'WITHIN_DEADLINE' }),
      o(1, { cancerArea: 'LUNG', category: 'RULES_NOT_KEPT' }),
      o(2, { region: '1086' }),
      o(1, { region: '1081' }),
      o(2, { region: '1086', category: 'WITHIN_DEADLINE' }),
      o(1, { region: '1081', category: 'RULES_NOT_KEPT' }),
      o(1, { cancerArea: 'LUNG', region: '1081' }),
      o(1, { cancerArea: 'LUNG', region: '1081', category: 'RULES_NOT_KEPT' }),
      o(2, { cancerArea: 'BREAST', region: '1086', category: 'WITHIN_DEADLINE' }),
      o(2, { cancerArea: 'BREAST', region: '1086' }),
    ];

    it('JSON and CSV: one row per category and group, totals over the categories with an empty category', () => {
      const parsed = JSON.parse(renderJson(data(shuffled(OUTCOME_ROWS))));
      expect(parsed.sections.find((x: any) => x.key === 'sst_outcome')).toEqual(
        expect.objectContaining({
          title: "Udfald for afsluttede forløb (SST's kategorier)",
          dims: ['cancerArea', 'region'],
          category: { label: 'Udfald', kind: 'outcome', totals: true },
        }),
      );
      expect(parsed.rows.slice(0, 3).map((r: FigureRow) => [r.cancerArea, r.region, r.category, r.value])).toEqual([
        [ALL, ALL, 'WITHIN_DEADLINE', 2],
        [ALL, ALL, 'RULES_NOT_KEPT', 1],
        [ALL, ALL, '', 3],
      ]);
      const lines = renderCsv(data(OUTCOME_ROWS)).trimEnd().split('\n');
      expect(lines.slice(1, 4)).toEqual([
        'sst_outcome.pathways,count,ALL,ALL,ALL,ALL,WITHIN_DEADLINE,2',
        'sst_outcome.pathways,count,ALL,ALL,ALL,ALL,RULES_NOT_KEPT,1',
        'sst_outcome.pathways,count,ALL,ALL,ALL,ALL,,3',
      ]);
      expect(lines).toContain('sst_outcome.pathways,count,LUNG,1081,ALL,ALL,RULES_NOT_KEPT,1');
    });

    it('HTML: tables with every category in Danish, zeros included, and the totals from SQL', async () => {
      const html = await renderHtml(data(OUTCOME_ROWS), 'x');
      expect(XMLValidator.validate(html)).toBe(true);
      expect(html).toContain('<h2 id="sst_outcome">Udfald for afsluttede forløb (SST&#39;s kategorier)</h2>');
      const section = html.slice(
        html.indexOf('<h2 id="sst_outcome">'),
        html.indexOf('<h2', html.indexOf('<h2 id="sst_outcome">') + 1),
      );
      expect(section).toContain('<caption>Afsluttede forløb fordelt på udfald og kræftområde</caption>');
      expect(section).toContain(
        '<thead><tr><th scope="col">Udfald</th><th scope="col">I alt</th><th scope="col">Brystkræft</th><th scope="col">Lungekræft</th></tr></thead>',
      );
      expect(section).toContain(
        '<tr><th scope="row">Inden for fristen</th><td class="n">2</td><td class="n">2</td><td class="n">0</td></tr>',
      );
      expect(section).toContain(
        '<tr><th scope="row">Overskredet – patientens eget valg</th><td class="n">0</td><td class="n">0</td><td class="n">0</td></tr>',
      );
      expect(section).toContain('<tr><th scope="row">Overskredet – helbredsmæssige årsager</th>');
      expect(section).toContain('<tr><th scope="row">Overskredet – tilbud om alternativ givet</th>');
      expect(section).toContain(
        '<tr><th scope="row">Regler ikke overholdt</th><td class="n">1</td><td class="n">0</td><td class="n">1</td></tr>',
      );
      expect(section).toContain(
        '<tfoot><tr><th scope="row">I alt</th><td class="n">3</td><td class="n">2</td><td class="n">1</td></tr></tfoot>',
      );
      expect(section).toContain('<caption>Afsluttede forløb fordelt på udfald og region</caption>');
      expect(section).toContain('<th scope="col">Region Nordjylland</th><th scope="col">Region Østdanmark</th>');
      expect(section).toContain(
        '<tr><th scope="row">Brystkræft – Region Østdanmark</th><td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">2</td></tr>',
      );
      expect(section).toContain(
        '<tr><th scope="row">Lungekræft – Region Nordjylland</th><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">1</td><td class="n">1</td></tr>',
      );
      expect(section.indexOf('Brystkræft – Region Østdanmark')).toBeLessThan(
        section.indexOf('Lungekræft – Region Nordjylland'),
      );
      expect(html).toContain('<code>sst_outcome.pathways</code>');
    });

    it('HTML: no finished pathways → a note instead of tables', async () => {
      const html = await renderHtml(data([]), 'x');
      expect(html).toContain('<h2 id="sst_outcome">');
      expect(html).toContain('Ingen afsluttede forløb i perioden.');
    });
  });
});
