/**
 * One CSV cell (RFC 4180: quoted only when it holds a comma, quote or line break). Free text that a spreadsheet would
 * run as a formula (= + - @ at the start) is prefixed with an apostrophe; numbers are left alone.
 */
export function csvCell(value: unknown): string {
  let s = value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
