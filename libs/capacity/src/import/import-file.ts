import { badInput, DomainError } from '@app/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { ImportFormat } from './capacity-import.entities';

/** Limits per file (issue #21). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/** A sheet as text: the header row and the data rows, each with its row number in the file (1 = header). */
export interface Sheet {
  format: ImportFormat;
  header: string[];
  rows: { row: number; cells: string[] }[];
}

export const tooLarge = (message: string) => new DomainError('PAYLOAD_TOO_LARGE', message, 'file');

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** CSV or XLSX, by content (an .xlsx is a zip), so a misnamed file is still read as what it is. */
export function formatOf(fileName: string, data: Buffer): ImportFormat {
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) return 'XLSX';
  if (/\.xlsx?$/i.test(fileName)) {
    throw badInput(
      'file',
      'Filen hedder .xlsx/.xls, men er ikke en Excel-projektmappe (.xlsx). Gem den igen som Excel-projektmappe eller som CSV (UTF-8).',
    );
  }
  return 'CSV';
}

export async function readSheet(fileName: string, data: Buffer): Promise<Sheet> {
  if (data.length > MAX_IMPORT_BYTES)
    throw tooLarge(`Filen fylder ${mb(data.length)}; højst 5 MB pr. fil. Del den op i flere filer.`);
  if (!data.length) throw badInput('file', 'Filen er tom.');
  const format = formatOf(fileName, data);
  const all = format === 'XLSX' ? await readXlsx(data) : readCsv(data);
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  if (!nonEmpty.length) throw badInput('file', 'Filen har ingen rækker.');
  const [head, ...rows] = nonEmpty;
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooLarge(
      `Filen har ${rows.length.toLocaleString('da-DK')} rækker; højst ${MAX_IMPORT_ROWS.toLocaleString('da-DK')} pr. fil. Del den op i flere filer.`,
    );
  }
  return { format, header: head.cells, rows };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 })} MB`;

/**
 * UTF-8 with or without BOM. The separator is whichever of ; , or tab the header line uses most (Danish Excel writes
 * ;, which also leaves the comma free for decimals).
 */
function readCsv(data: Buffer): { row: number; cells: string[] }[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw badInput(
      'file',
      'Filen er ikke gemt som UTF-8. Vælg «CSV UTF-8 (kommasepareret)» når du gemmer fra Excel, eller upload .xlsx-filen.',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', ',', '\t']
    .map((d) => [d, firstLine.split(d).length] as const)
    .sort((a, b) => b[1] - a[1])[0][0];
  let records: string[][];
  try {
    // Empty lines are kept as records, so record n is row n as a spreadsheet shows it (a quoted line break stays in its cell).
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw badInput(
      'file',
      `CSV-filen kan ikke læses${line ? ` (omkring linje ${line})` : ''}: tjek at anførselstegn er parvise.`,
    );
  }
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c ?? '').trim()) }));
}

/**
 * The first worksheet, read as a stream (half the time of loading the whole workbook, and it stops at the row limit
 * however large the sheet unpacks). Dates are read as the wall-clock time shown in the cell (Excel dates have no zone).
 */
async function readXlsx(data: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const unpacked = unpackedSize(data);
  if (unpacked === null || unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw tooLarge(
      'Excel-filen fylder for meget, når den pakkes ud. Gem kun arket med kapaciteten, eller gem det som CSV (UTF-8).',
    );
  }
  const out: { row: number; cells: string[] }[] = [];
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const ws of reader) {
      sheets++;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (out.length > MAX_IMPORT_ROWS + 1) break;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell.value);
        });
        out.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
      }
      break;
    }
  } catch {
    throw badInput(
      'file',
      'Excel-filen kan ikke åbnes. Gem den igen som Excel-projektmappe (.xlsx) eller som CSV (UTF-8).',
    );
  }
  if (!sheets) throw badInput('file', 'Excel-filen har intet regneark.');
  if (out.length > MAX_IMPORT_ROWS + 1) {
    throw tooLarge(
      `Regnearket har mere end ${MAX_IMPORT_ROWS.toLocaleString('da-DK')} rækker; højst ${MAX_IMPORT_ROWS.toLocaleString('da-DK')} pr. fil. Del det op i flere filer.`,
    );
  }
  return out;
}

/** An .xlsx of 10,000 rows unpacks to a few MB; far more is a zip bomb, refused before anything is inflated. */
const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * Sum of the uncompressed sizes the zip's central directory declares, or null if it cannot be read (or is ZIP64,
 * which no 5 MB spreadsheet needs). A first line of defence: the row limit stops the sheet stream as well.
 */
export function unpackedSize(zip: Buffer): number | null {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(p + 24);
    if (size === 0xffffffff) return null;
    total += size;
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return total;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs turns the serial date into a Date at that wall-clock time in UTC.
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result);
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return '';
  }
  return String(v);
}
