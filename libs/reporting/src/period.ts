import { addDays, ISODate } from '@app/deadline';

/** The reporting period: [from, to) as calendar dates, plus the inclusive last day for display. */
export interface ReportPeriod {
  year: number;
  quarter: number | null;
  from: ISODate;
  /** Exclusive end: the SQL uses `date >= from AND date < to`. */
  to: ISODate;
  lastDay: ISODate;
  /** Every month of the period as 'YYYY-MM', so trend charts show months without activity too. */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodOf(year: number, quarter?: number | null): ReportPeriod {
  if (!Number.isInteger(year) || year < 2020 || year > 2100)
    throw new RangeError(`year must be 2020–2100, got ${year}`);
  if (quarter !== undefined && quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    throw new RangeError(`quarter must be 1–4, got ${quarter}`);
  }
  const firstMonth = quarter ? (quarter - 1) * 3 + 1 : 1;
  const monthCount = quarter ? 3 : 12;
  const months = Array.from({ length: monthCount }, (_, i) => `${year}-${pad(firstMonth + i)}`);
  const endMonth = firstMonth + monthCount;
  const to = endMonth > 12 ? `${year + 1}-01-01` : `${year}-${pad(endMonth)}-01`;
  return { year, quarter: quarter ?? null, from: `${months[0]}-01`, to, lastDay: addDays(to, -1), months };
}
