/**
 * Danish number and date formatting written out by hand: Intl output depends on the ICU build, and the report
 * must be byte-identical wherever it is compiled.
 */

const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 12345.678 → '12.345,7' with `decimals` fixed digits; null/undefined → '–'. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + groupThousands(int) + (frac ? ',' + frac : '');
}

/** A share 0–1 as a Danish percentage with one decimal: 0.25 → '25,0 %'. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${formatNumber(value * 100, 1)} %`;
}

/** '2031-03-05' → '5. marts 2031'. */
export function formatDateDa(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

/** '2031-03' → 'mar. 2031' (short) or 'marts 2031'. */
export function formatMonthDa(month: string, short = true): string {
  const [y, m] = month.split('-').map(Number);
  return `${(short ? MONTHS_SHORT : MONTHS)[m - 1]} ${y}`;
}

/** '2031-03' → 'mar.': chart axis labels within one year. */
export function monthNameShortDa(month: string): string {
  return MONTHS_SHORT[Number(month.slice(5, 7)) - 1];
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
