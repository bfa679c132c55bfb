import { csvCell } from '@app/core';
import { figureByKey } from '../figures/registry';
import { ReportData } from '../model';

export const CSV_COLUMNS = [
  'metric',
  'unit',
  'cancer_area',
  'region',
  'provider_kind',
  'month',
  'category',
  'value',
] as const;

/**
 * One tidy table: a row per figure and combination of dimension values. `ALL` marks a total over that dimension,
 * an empty cell "none" (e.g. no Danish region); values are plain numbers with a '.' decimal point.
 */
export function renderCsv(data: ReportData): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of data.rows) {
    const unit = figureByKey(r.figure).figure.unit;
    lines.push(
      [
        r.figure,
        unit,
        r.cancerArea,
        r.region,
        r.providerKind,
        r.month,
        r.category,
        r.value === null ? '' : String(r.value),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
