import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ReportData } from '../model';
import { escapeHtml } from './format';
import { renderHtml, tocEntries } from './html';

/** The system Chromium is not there: the report is still compiled, without its PDF, and the download says why. */
export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `No PDF: Chromium was not found at ${path} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`,
    );
    this.name = 'ChromiumMissingError';
  }
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
  /** Page of each table-of-contents entry, as printed in the table of contents. */
  tocPages: Record<string, number>;
}

/**
 * pdfjs (CommonJS build) for reading the printed PDF back: where each heading landed, for the table of contents.
 * Loading it logs that it cannot polyfill canvas, which text and destinations do not need; keep that out of the log.
 */
type PdfJs = typeof import('pdfjs-dist');
let pdfjs: PdfJs | null = null;
function loadPdfJs(): PdfJs {
  if (!pdfjs) {
    const log = console.log;
    console.log = () => undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfjs-dist 3 ships CommonJS only under legacy/, loaded lazily
      pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
    } finally {
      console.log = log;
    }
  }
  return pdfjs;
}

/** Page numbers (1-based) of the named destinations Chromium writes for element ids, and the page count. */
async function pdfDestinations(bytes: Buffer, ids: string[]): Promise<{ pages: number; at: Record<string, number> }> {
  const doc = await loadPdfJs().getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    const at: Record<string, number> = {};
    for (const id of ids) {
      const dest = await doc.getDestination(id);
      if (dest) at[id] = (await doc.getPageIndex(dest[0] as never)) + 1;
    }
    return { pages: doc.numPages, at };
  } finally {
    await doc.destroy();
  }
}

/**
 * Chromium stamps the print time into /CreationDate and /ModDate; replace the digits with the period's last day
 * (same length, so every byte offset in the file stays right) and the same data prints the same bytes.
 */
function stableDates(pdf: Buffer, lastDay: string): Buffer {
  const stamp = Buffer.from(`${lastDay.replace(/-/g, '')}000000`, 'latin1');
  const out = Buffer.from(pdf);
  for (const key of ['/CreationDate (D:', '/ModDate (D:']) {
    let at = out.indexOf(key, 0, 'latin1');
    while (at >= 0) {
      stamp.copy(out, at + key.length);
      at = out.indexOf(key, at + key.length, 'latin1');
    }
  }
  return out;
}

const footer = (title: string) =>
  `<div style="font-family:sans-serif;font-size:8pt;color:#555;width:100%;margin:0 15mm;display:flex;justify-content:space-between">` +
  `<span>${escapeHtml(title)}</span><span>Side <span class="pageNumber"></span> af <span class="totalPages"></span></span></div>`;

/**
 * The board's PDF: the report's own HTML printed by the system Chromium on A4 with page numbers, charts kept as
 * vectors (inline SVG). The table of contents gets its page numbers by printing, reading back where Chromium put each
 * heading (the named destinations it writes for ids), and printing again until the numbers stand still.
 */
export async function renderPdf(data: ReportData, jsonSha256: string, chromiumPath: string): Promise<RenderedPdf> {
  if (!existsSync(chromiumPath)) throw new ChromiumMissingError(chromiumPath);
  const ids = tocEntries().map(([k]) => k);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    });
    const page = await browser.newPage();
    let tocPages: Record<string, number> = {};
    for (let pass = 0; pass < 4; pass++) {
      await page.setContent(await renderHtml(data, jsonSha256, { tocPages }), { waitUntil: 'load' });
      const bytes = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footer(data.title),
        margin: { top: '16mm', bottom: '18mm', left: '15mm', right: '15mm' },
        outline: true,
        tagged: true,
      });
      const found = await pdfDestinations(bytes, ids);
      if (ids.every((id) => found.at[id] === tocPages[id])) {
        return { bytes: stableDates(bytes, data.period.lastDay), pages: found.pages, tocPages };
      }
      tocPages = found.at;
    }
    throw new Error('The table of contents did not settle on its page numbers after four printings');
  } finally {
    await browser?.close();
  }
}
