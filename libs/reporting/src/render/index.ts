import { createHash } from 'node:crypto';
import { ReportData } from '../model';
import { ReportFormat, TextReportFormat } from '../report.entities';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';

export interface RenderedOutput {
  content: string;
  sha256: string;
  bytes: number;
}

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const output = (content: string): RenderedOutput => ({
  content,
  sha256: sha256Hex(content),
  bytes: Buffer.byteLength(content, 'utf8'),
});

/** All three outputs; the HTML footer names the JSON's hash, which is the report's sha256. */
export async function renderReport(data: ReportData): Promise<Record<TextReportFormat, RenderedOutput>> {
  const json = output(renderJson(data));
  return { json, csv: output(renderCsv(data)), html: output(await renderHtml(data, json.sha256)) };
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
