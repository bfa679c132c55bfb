import { BAND_LABEL_DA, DistanceBand, distanceBand } from '@app/pathways';

/** Fewer answers than this in a (band, kind) cell: no rate is shown or used ("for få svar"). */
export const MIN_ANSWERS = 20;

export interface AcceptanceCell {
  band: DistanceBand;
  answers: number;
  accepted: number;
  /** accepted / answers, or null below MIN_ANSWERS. */
  rate: number | null;
}

/** The cell of one candidate from the counts of the last 12 months (keys 'band|kind'). */
export function acceptanceOf(
  counts: Map<string, { answers: number; accepted: number }>,
  country: string,
  kind: string,
  km: number,
): AcceptanceCell {
  const band = distanceBand(country, km);
  const c = counts.get(`${band}|${kind}`) ?? { answers: 0, accepted: 0 };
  return { band, ...c, rate: c.answers >= MIN_ANSWERS ? c.accepted / c.answers : null };
}

/** The rates that may be used for ranking (cells with enough answers), keyed 'band|kind'. */
export function usableRates(counts: Map<string, { answers: number; accepted: number }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (c.answers >= MIN_ANSWERS) out.set(key, c.accepted / c.answers);
  return out;
}

/** "42 % accepteret ved 100–200 km, 57 svar" or "for få svar ved 100–200 km (7 svar)". */
export function acceptanceText(c: AcceptanceCell): string {
  const where = BAND_LABEL_DA[c.band];
  if (c.rate === null) return `For få svar ved ${where} til at vise en accept-rate (${c.answers} svar)`;
  return `${Math.round(c.rate * 100)} % accepteret ved ${where}, ${c.answers} svar`;
}
