import ExcelJS from 'exceljs';
import { addDays, todayInCopenhagen } from '../libs/deadline/src';
import { round, runStandalone, withBenchEnv } from './env';
import type { BenchResult } from './types';

/*
 * Capacity import (issue #21) through the real HTTP endpoint: a 10,000-row file from a planner, validated (dry run)
 * and then validated + committed in one transaction, CSV and XLSX; then the same file again (all already there).
 */

const ISSUE = '#21 import';
const ROWS = 10_000;
const TARGET_MS = 5000;
const HEADER = ['Leverandør', 'Kræftområde', 'Modalitet', 'Start', 'Varighed', 'Antal', 'Eksternt id'];

interface Report {
  rows: number;
  slots: number;
  slotsNew: number;
  slotsExisting: number;
  errorCount: number;
  errors: unknown[];
}

export async function run(): Promise<BenchResult[]> {
  return withBenchEnv(async ({ db, url, login }) => {
    const token = await login('planner.hovedstaden@demo.dk');
    const providers = (
      await db.query(
        `SELECT key, cancer_areas, modalities FROM provider WHERE region_code = 1084 AND active AND key IS NOT NULL ORDER BY key`,
      )
    ).rows as { key: string; cancer_areas: string[]; modalities: string[] }[];
    const start = addDays(todayInCopenhagen(), 10);
    const rowsFor = (prefix: string, dayOffset: number) =>
      Array.from({ length: ROWS }, (_, i) => {
        const p = providers[i % providers.length];
        const minutes = Math.floor(i / providers.length) * 30;
        const day = addDays(start, dayOffset + Math.floor(minutes / 600));
        const t = 7 * 60 + (minutes % 600);
        const time = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
        return [
          p.key,
          p.cancer_areas[i % p.cancer_areas.length],
          p.modalities[i % p.modalities.length],
          `${day} ${time}`,
          60,
          1,
          `${prefix}-${i}`,
        ];
      });
    const csv = (rows: (string | number)[][]) =>
      Buffer.from([HEADER, ...rows].map((r) => r.join(';')).join('\r\n'), 'utf8');
    const xlsx = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Kapacitet');
      ws.addRow(HEADER);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = async (file: Buffer, name: string, mode: string): Promise<{ ms: number; report: Report }> => {
      const form = new FormData();
      form.append('file', new Blob([file]), name);
      const t0 = performance.now();
      const res = await fetch(`${url}/capacity/import?mode=${mode}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const report = (await res.json()) as Report;
      const ms = performance.now() - t0;
      if (res.status >= 300 || report.errorCount)
        throw new Error(`import ${name} ${mode}: HTTP ${res.status} ${JSON.stringify(report).slice(0, 500)}`);
      return { ms, report };
    };

    const csvFile = csv(rowsFor('CSV', 0));
    const dry = await post(csvFile, 'bench.csv', 'dry-run');
    const commit = await post(csvFile, 'bench.csv', 'commit');
    const again = await post(csvFile, 'bench.csv', 'commit');
    const xlsxFile = await xlsx(rowsFor('XLSX', 200));
    const xlsxCommit = await post(xlsxFile, 'bench.xlsx', 'commit');
    const slots = Number((await db.query(`SELECT count(*) FROM slot WHERE import_id IS NOT NULL`)).rows[0].count);
    if (
      commit.report.slotsNew !== ROWS ||
      again.report.slotsExisting !== ROWS ||
      xlsxCommit.report.slotsNew !== ROWS ||
      slots !== 2 * ROWS
    ) {
      throw new Error(
        `unexpected counts: ${JSON.stringify({ commit: commit.report.slotsNew, again: again.report.slotsExisting, xlsx: xlsxCommit.report.slotsNew, slots })}`,
      );
    }
    const note = `${providers.length} Hovedstaden providers, planner token, over HTTP multipart`;
    return [
      {
        issue: ISSUE,
        name: `dry run of a ${ROWS.toLocaleString('en-US')}-row CSV (${Math.round(csvFile.length / 1024)} KiB)`,
        value: round(dry.ms),
        unit: 'ms',
        note,
      },
      {
        issue: ISSUE,
        name: `validate + commit a ${ROWS.toLocaleString('en-US')}-row CSV in one transaction`,
        value: round(commit.ms),
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        pass: commit.ms <= TARGET_MS,
        note: `${commit.report.slotsNew} slots + ${commit.report.slotsNew} audit rows + import record`,
      },
      {
        issue: ISSUE,
        name: `re-import of the same CSV (all ${ROWS.toLocaleString('en-US')} already there)`,
        value: round(again.ms),
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        pass: again.ms <= TARGET_MS,
        note: `${again.report.slotsExisting} reported existing, 0 created`,
      },
      {
        issue: ISSUE,
        name: `validate + commit a ${ROWS.toLocaleString('en-US')}-row XLSX (${Math.round(xlsxFile.length / 1024)} KiB)`,
        value: round(xlsxCommit.ms),
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        pass: xlsxCommit.ms <= TARGET_MS,
        note: 'exceljs parse included',
      },
    ];
  });
}

runStandalone(module, run);
