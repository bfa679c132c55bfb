import { writeFileSync } from 'node:fs';
import { FigureRow } from '../figures/query';
import { SECTIONS } from '../figures/registry';
import { assembleReport, ReportData } from '../model';
import { periodOf } from '../period';
import { pdfText } from '../../../../test/support/pdf-text';
import { row } from '../../../../test/support/report-rows';
import { tocEntries } from './html';
import * as pdfModule from './pdf';
import { ChromiumMissingError, renderPdf } from './pdf';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIMENSIONS: ReportData['dimensions'] = {
  cancerAreas: [
    { code: 'BREAST', name: 'Brystkræft' },
    { code: 'LUNG', name: 'Lungekræft' },
  ],
  regions: [{ code: 1081, name: 'Region Nordjylland', validFrom: '2007-01-01', validTo: null, successorCode: null }],
};
const months = periodOf(2031).months;
const ROWS: FigureRow[] = [
  row('slots.published', 120),
  row('offers.made', 30),
  row('offers.accepted', 12),
  row('offers.declined', 14),
  row('offers.made', 18, { cancerArea: 'BREAST' }),
  row('offers.accepted', 8, { cancerArea: 'BREAST' }),
  row('offers.declined', 8, { cancerArea: 'BREAST' }),
  row('offers.made', 12, { cancerArea: 'LUNG' }),
  row('offers.accepted', 4, { cancerArea: 'LUNG' }),
  row('offers.declined', 6, { cancerArea: 'LUNG' }),
  ...months.flatMap((m, i) => [
    row('offers.made', [3, 4, 2, 3, 2, 1, 0, 1, 3, 4, 4, 3][i], { month: m }),
    row('offers.accepted', [1, 2, 1, 1, 1, 0, 0, 0, 1, 2, 2, 1][i], { month: m }),
  ]),
  row('abroad.made', 5, { providerKind: 'FOREIGN' }),
  row('abroad.accepted', 2, { providerKind: 'FOREIGN' }),
  row('abroad.declined', 3, { providerKind: 'FOREIGN' }),
  row('abroad.made', 5, { providerKind: 'FOREIGN', cancerArea: 'BREAST' }),
  row('abroad.accepted', 2, { providerKind: 'FOREIGN', cancerArea: 'BREAST' }),
  row('cost.accepted', 2),
  row('cost.spending_dkk', 330000),
  row('cost.accepted', 2, { month: '2031-03' }),
  row('cost.spending_dkk', 330000, { month: '2031-03' }),
];
const data = assembleReport(periodOf(2031), DIMENSIONS, ROWS);

describe('report PDF (headless system Chromium)', () => {
  it('A4, more than one page, every section title in the text, a table of contents with the right page numbers', async () => {
    const pdf = await renderPdf(data, 'abc', CHROMIUM);
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, pdf.bytes);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThan(1);
    const pages = await pdfText(pdf.bytes);
    expect(pages).toHaveLength(pdf.pages);
    const text = pages.join('\n');
    for (const s of SECTIONS) expect(text).toContain(s.title);
    expect(text).toContain('Udvikling pr. måned');
    // Footer page numbers on every page.
    pages.forEach((p, i) => expect(p).toContain(`Side ${i + 1} af ${pdf.pages}`));
    // Each heading is on the page the table of contents says.
    for (const [key, title] of tocEntries()) {
      const n = pdf.tocPages[key];
      expect([key, n >= 2 && n <= pdf.pages]).toEqual([key, true]);
      expect([key, pages[n - 1].includes(title)]).toEqual([key, true]);
    }
    // The table of contents prints those numbers.
    expect(pages[0]).toContain('Sammenfatning');
    // Charts stay vectors: no raster images in the file.
    expect(pdf.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(false);
    // Same data → same bytes (Chromium's print time stamp is replaced by the period's last day).
    const again = await renderPdf(data, 'abc', CHROMIUM);
    expect(again.bytes.equals(pdf.bytes)).toBe(true);
  }, 120000);

  it('exports what the report compiler uses and no test helper (reading the PDF back is test code)', () => {
    expect(Object.keys(pdfModule).sort()).toEqual(['ChromiumMissingError', 'renderPdf']);
  });

  it('says clearly when Chromium is missing', async () => {
    await expect(renderPdf(data, 'abc', '/nonexistent/chromium')).rejects.toThrow(ChromiumMissingError);
    await expect(renderPdf(data, 'abc', '/nonexistent/chromium')).rejects.toThrow(
      /Chromium was not found at \/nonexistent\/chromium .*CHROMIUM_PATH/,
    );
  });
});
