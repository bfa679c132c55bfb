/** Human-readable explanations of a candidate, short enough to read aloud in a collaboration meeting. */
export interface ReasonInput {
  daysBeforeDeadline: number;
  providerKind: string;
  regionName: string | null;
  country: string;
  distanceKm: number;
  agreementValidTo: string | null;
}

const COUNTRY: Record<string, string> = { DE: 'Germany', SE: 'Sweden', NO: 'Norway', DK: 'Denmark' };

export function explain(c: ReasonInput): string[] {
  const d = c.daysBeforeDeadline;
  const timing =
    d > 0 ? `${d} day${d === 1 ? '' : 's'} before the deadline` : d === 0 ? 'on the deadline day' : `${-d} day${d === -1 ? '' : 's'} after the deadline`;
  const where = c.regionName ?? COUNTRY[c.country] ?? c.country;
  const reasons = [timing, `${where}, ${c.distanceKm.toFixed(1)} km`];
  if (c.providerKind === 'PUBLIC') reasons.push('public hospital');
  else reasons.push(`${c.providerKind === 'PRIVATE' ? 'private' : 'foreign'} provider: agreement valid until ${c.agreementValidTo}`);
  return reasons;
}
