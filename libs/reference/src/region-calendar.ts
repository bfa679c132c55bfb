import { Region } from './reference.entities';

/**
 * Effective-dated region membership in code (mirrors SQL effective_region): a region past its validTo is
 * represented by its successor, so Hovedstaden and Sjælland become Østdanmark on 2027-01-01 with no edits.
 */
export function effectiveRegionCode(regions: Map<number, Region>, code: number, on: string): number {
  let c = code;
  for (let i = 0; i < 10; i++) {
    const r = regions.get(c);
    if (!r || !r.validTo || on <= r.validTo || !r.successorCode) return c;
    c = r.successorCode;
  }
  return c;
}

/** Every historical region code that is (or will be) represented by `code` on `on` — for "in region X" filters. */
export function regionCodesRepresentedBy(regions: Map<number, Region>, code: number, on: string): number[] {
  return [...regions.keys()].filter(
    (c) => effectiveRegionCode(regions, c, on) === effectiveRegionCode(regions, code, on),
  );
}
