import { dateDa } from '@app/pathways';

/** Danish explanations of a candidate, short enough for a planner to read aloud in a collaboration meeting. */
export interface ReasonInput {
  daysBeforeDeadline: number;
  providerKind: string;
  regionName: string | null;
  country: string;
  distanceKm: number;
  agreementValidTo: string | null;
}

const COUNTRY: Record<string, string> = { DE: 'Tyskland', SE: 'Sverige', NO: 'Norge', DK: 'Danmark' };

const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dage'}`;

export function explain(c: ReasonInput): string[] {
  const d = c.daysBeforeDeadline;
  const timing = d > 0 ? `${days(d)} før fristen` : d === 0 ? 'på fristens dag' : `${days(-d)} efter fristen`;
  const where = c.regionName ?? COUNTRY[c.country] ?? c.country;
  const reasons = [timing, `${where}, ${c.distanceKm.toFixed(1).replace('.', ',')} km`];
  if (c.providerKind === 'PUBLIC') reasons.push('offentligt sygehus');
  else {
    const what = c.providerKind === 'PRIVATE' ? 'privathospital' : 'udenlandsk behandlingssted';
    reasons.push(c.agreementValidTo ? `${what}: aftale gyldig til ${dateDa(c.agreementValidTo)}` : what);
  }
  return reasons;
}
