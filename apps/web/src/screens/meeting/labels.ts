// Danish words for the meeting board: the API's English match reasons, unplaced reasons and decision kinds.
import type { DecisionKind } from '../../gql/schema';

const COUNTRY: Record<string, string> = { Germany: 'Tyskland', Sweden: 'Sverige', Norway: 'Norge', Denmark: 'Danmark' };

/** `9 days before the deadline` → `9 dage før fristen`; `Region Midtjylland, 147.7 km` → `Region Midtjylland, 147,7 km`. */
export function reasonDa(reason: string): string {
  let m = /^(\d+) days? (before|after) the deadline$/.exec(reason);
  if (m) return `${m[1]} ${m[1] === '1' ? 'dag' : 'dage'} ${m[2] === 'before' ? 'før' : 'efter'} fristen`;
  if (reason === 'on the deadline day') return 'på fristdagen';
  if (reason === 'public hospital') return 'offentligt sygehus';
  m = /^(private|foreign) provider: agreement valid until (.+)$/.exec(reason);
  if (m) return `${m[1] === 'private' ? 'privathospital' : 'udenlandsk udbyder'}: aftale gyldig til ${m[2]}`;
  m = /^(.+), (\d+(?:\.\d+)?) km$/.exec(reason);
  if (m) return `${COUNTRY[m[1]] ?? m[1]}, ${m[2].replace('.', ',')} km`;
  return reason;
}

export const unassignedReasonLabel: Record<string, string> = {
  NO_SLOT: 'Ingen egnet ledig tid i perioden',
  NONE_IN_TIME: 'Ingen tid inden fristen, og ingen senere tid tilbage',
  CAPACITY_TAKEN: 'De egnede tider er foreslået til forløb med kortere frist',
};

export const decisionKindLabel: Record<DecisionKind, string> = {
  OFFER_MADE: 'Tilbud givet',
  NO_ACTION: 'Ingen handling',
  ESCALATE: 'Eskaleret til de regionale sundhedsdirektører',
};

export const decisionKindShort: Record<DecisionKind, string> = {
  OFFER_MADE: 'Tilbud givet',
  NO_ACTION: 'Ingen handling',
  ESCALATE: 'Eskaleret',
};

/** Whole calendar days from a to b (LocalDate strings). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
