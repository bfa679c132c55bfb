/**
 * Reads a printed PDF's text back, page by page, for tests that check what the report PDF says. pdfjs-dist 3 ships
 * CommonJS only under legacy/; loading it logs that it cannot polyfill canvas, which text extraction does not need.
 */
type PdfJs = typeof import('pdfjs-dist');
let pdfjs: PdfJs | null = null;
function loadPdfJs(): PdfJs {
  if (!pdfjs) {
    const log = console.log;
    console.log = () => undefined;
    try {
      pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
    } finally {
      console.log = log;
    }
  }
  return pdfjs;
}

/** The PDF's text, one string per page (a line break where pdfjs marks the end of a line). */
export async function pdfText(bytes: Buffer): Promise<string[]> {
  const doc = await loadPdfJs().getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
