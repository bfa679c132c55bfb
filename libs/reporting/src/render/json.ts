import { ReportData } from '../model';

/**
 * The figures with their definitions as JSON: two-space layout for the head, one line per row so the file stays
 * readable and diffable. Key order is fixed by ReportData, row order by compareRows: same data → same bytes.
 */
export function renderJson(data: ReportData): string {
  const { rows, ...head } = data;
  const entries = Object.entries(head).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`,
  );
  const rowLines = rows.map((r) => `    ${JSON.stringify(r)}`);
  entries.push(`  "rows": [${rowLines.length ? `\n${rowLines.join(',\n')}\n  ` : ''}]`);
  return `{\n${entries.join(',\n')}\n}\n`;
}
