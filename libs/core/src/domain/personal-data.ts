import { DomainError } from '../errors/domain-error';

// Invisible format characters (zero-width space/joiners, word joiner, BOM, soft hyphen …) that split digits unseen.
const INVISIBLE = /[\p{Cf}\u00AD]/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
// Digit groups joined by at most 3 separator characters (space, dot, dash, en dash, slash, underscore, …).
const DIGIT_GROUP = /\p{Nd}+/gu;
const SEPARATOR_RUN = /^[\s\p{P}\p{S}]{1,3}$/u;

/** The value 0–9 of any Unicode decimal digit: Nd digits come in contiguous runs 0…9 (Arabic-Indic, Devanagari, …). */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  let value = 0;
  while (value < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--;
    value++;
  }
  return value;
}

/** NFKC (full-width digits → ASCII), invisible characters removed, every decimal digit as ASCII. */
export function normaliseForCprCheck(value: string): string {
  return value
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\p{Nd}/gu, (d) => (d >= '0' && d <= '9' ? d : String(digitValue(d))));
}

/** DDMMYY is a real calendar date (any century; 29 February whenever YY could be a leap year). */
function isDdMmYy(six: string): boolean {
  const dd = Number(six.slice(0, 2));
  const mm = Number(six.slice(2, 4));
  const yy = Number(six.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  return dd <= days;
}

/**
 * A Danish CPR number, however it is written: DDMMYY followed by four digits, with any separators (or none) between
 * digit groups, in any script's digits. Ten digits spread over adjacent groups count; a longer unbroken number does
 * not. Only a valid DDMMYY date counts, so ordinary case numbers (RH-2026-000123) are not false alarms.
 */
export function looksLikeCpr(value: string): boolean {
  const text = normaliseForCprCheck(value);
  const groups: { digits: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(DIGIT_GROUP)) groups.push({ digits: m[0], start: m.index, end: m.index + m[0].length });
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      if (j > i && !SEPARATOR_RUN.test(text.slice(groups[j - 1].end, groups[j].start))) break;
      digits += groups[j].digits;
      if (digits.length > 10) break;
      if (digits.length === 10 && isDdMmYy(digits.slice(0, 6))) return true;
    }
  }
  return false;
}

/** Pathways are pseudonymous: reject any free-text field that looks like a CPR number, before anything is stored. */
export function assertNoPersonalData(fields: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value === 'string' && looksLikeCpr(value)) {
      throw new DomainError(
        'PERSONAL_DATA_REJECTED',
        `${field} looks like a CPR number; use the region's own pseudonymous case number and no personal identifiers`,
        field,
      );
    }
  }
}
