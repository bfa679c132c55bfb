import { DomainError } from '../errors/domain-error';

// A Danish CPR number: DDMMYY-XXXX or DDMMYYXXXX (ten digits, optionally with a dash or space after six).
const CPR_LIKE = /(?<!\d)\d{6}[-\s]?\d{4}(?!\d)/;

export function looksLikeCpr(value: string): boolean {
  return CPR_LIKE.test(value);
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
