// Danish formatting and labels: dates as `1. dec. 2026`, numbers with Danish separators, domain words as in the report.
import type {
  AuditCriterion,
  AuditFinding,
  CancerArea,
  DeclineReason,
  Modality,
  OfferStatus,
  PathwayPhase,
  PathwayStatus,
  PauseReason,
  ProviderKind,
  Role,
  SampleAuditStatus,
  SlotStatus,
} from './gql/schema';

const dateFmt = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Copenhagen',
});
const timeFmt = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' });
const weekdayFmt = new Intl.DateTimeFormat('da-DK', {
  weekday: 'long',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const numberFmt = new Intl.NumberFormat('da-DK');

/** `2026-12-01` (LocalDate) → `1. dec. 2026`. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return '–';
  return dateFmt.format(new Date(`${d.slice(0, 10)}T00:00:00Z`));
}

/** An instant in Copenhagen time: `1. dec. 2026 kl. 09.30`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return dateTimeFmt.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return timeFmt.format(new Date(iso));
}

export function formatWeekday(d: string): string {
  return weekdayFmt.format(new Date(`${d}T00:00:00Z`));
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return '–';
  return new Intl.NumberFormat('da-DK', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export const formatInt = (n: number) => numberFmt.format(n);

export function days(n: number): string {
  return `${formatInt(n)} ${Math.abs(n) === 1 ? 'dag' : 'dage'}`;
}

/** Time until an instant in words: `2 dage 3 timer`, `45 min.`, or `udløbet`. */
export function timeUntil(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return 'udløbet';
  const mins = Math.floor(ms / 60000);
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  if (d > 0) return `${days(d)} ${h} t.`;
  if (h > 0) return `${h} t. ${mins % 60} min.`;
  return `${mins} min.`;
}

/** Today's date in Copenhagen as `YYYY-MM-DD`. */
export function todayLocal(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

export function addDaysLocal(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export const cancerAreaLabel: Record<CancerArea, string> = {
  BREAST: 'Brystkræft',
  LUNG: 'Lungekræft',
  URINARY: 'Kræft i urinvejene',
  GYNAECOLOGICAL: 'Gynækologisk kræft',
  UPPER_GI: 'Kræft i øvre mave-tarmkanal',
  LOWER_GI: 'Kræft i tyk- og endetarm',
  OTHER: 'Anden kræft',
};

export const phaseLabel: Record<PathwayPhase, string> = {
  DIAGNOSTIC: 'Udredning',
  PRIMARY_TREATMENT: 'Primær behandling',
  ADJUVANT_TREATMENT: 'Efterbehandling',
};

export const pathwayStatusLabel: Record<PathwayStatus, string> = {
  WAITING: 'Venter',
  OFFERED: 'Tilbud givet',
  SCHEDULED: 'Planlagt',
  TREATED: 'Behandlet',
  CLOSED: 'Afsluttet',
};

export const modalityLabel: Record<Modality, string> = {
  DIAGNOSTIC: 'Udredning',
  SURGERY: 'Operation',
  RADIOTHERAPY: 'Strålebehandling',
  CHEMOTHERAPY: 'Kemoterapi',
};

export const providerKindLabel: Record<ProviderKind, string> = {
  PUBLIC: 'Offentligt sygehus',
  PRIVATE: 'Privathospital',
  FOREIGN: 'Udlandet',
};

export const offerStatusLabel: Record<OfferStatus, string> = {
  PENDING: 'Afventer svar',
  ACCEPTED: 'Accepteret',
  DECLINED: 'Afslået',
  EXPIRED: 'Udløbet',
  WITHDRAWN: 'Trukket tilbage',
};

export const declineReasonLabel: Record<DeclineReason, string> = {
  ABROAD: 'Ønsker ikke behandling i udlandet',
  DISTANCE: 'For lang afstand',
  FAMILY_OR_WORK: 'Familie eller arbejde',
  HEALTH: 'Helbredsmæssige årsager',
  LANGUAGE: 'Sprog',
  PREFERS_OWN_HOSPITAL: 'Foretrækker eget sygehus',
  TIMING: 'Tidspunktet passer ikke',
  OTHER: 'Andet (uddyb i note)',
};

export const pauseReasonLabel: Record<PauseReason, string> = {
  HEALTH: 'Helbredsmæssige årsager',
  PATIENT_CHOICE: 'Patientens eget valg',
};

export const slotStatusLabel: Record<SlotStatus, string> = {
  FREE: 'Ledig',
  HELD: 'Reserveret',
  BOOKED: 'Booket',
  EXPIRED: 'Udløbet',
  WITHDRAWN: 'Trukket tilbage',
};

/** Sample audits (Stikprøver): the same words as the report's "Stikprøver" section (libs/reporting/src/labels.ts). */
export const auditCriterionLabel: Record<AuditCriterion, string> = {
  TREATED_LATE: 'Behandlet efter fristen',
  DECLINED_OFFER: 'Afslået tilbud',
  NO_OFFER_BEFORE_DEADLINE: 'Intet tilbud inden fristen',
};

/** Which pathways each criterion draws from, for the form's help text. */
export const auditCriterionHelp: Record<AuditCriterion, string> = {
  TREATED_LATE: 'Forløb behandlet i perioden, efter fristen.',
  DECLINED_OFFER: 'Forløb hvor mindst ét tilbud givet i perioden blev afslået.',
  NO_OFFER_BEFORE_DEADLINE:
    'Forløb med frist i perioden (og overskredet), som ikke var behandlet inden fristen og ikke fik tilbud inden da.',
};

export const auditFindingLabel: Record<AuditFinding, string> = {
  MET: 'Handlepligt opfyldt',
  NOT_MET: 'Handlepligt ikke opfyldt',
  UNCLEAR: 'Uafklaret',
};

export const sampleAuditStatusLabel: Record<SampleAuditStatus, string> = {
  OPEN: 'Åben',
  CLOSED: 'Afsluttet',
};

export const roleLabel: Record<Role, string> = {
  PLANNER: 'Planlægger',
  SECRETARIAT: 'Sekretariat',
  COLLABORATION: 'Samarbejde',
  OBSERVER: 'Observatør',
};

export const regionNames: Record<number, string> = {
  1081: 'Region Nordjylland',
  1082: 'Region Midtjylland',
  1083: 'Region Syddanmark',
  1084: 'Region Hovedstaden',
  1085: 'Region Sjælland',
  1086: 'Region Østdanmark',
};

export const regionLabel = (code: number | null | undefined) =>
  code ? (regionNames[code] ?? `Region ${code}`) : 'Udlandet';

export function options<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

const COUNTRY: Record<string, string> = {
  DE: 'Tyskland',
  SE: 'Sverige',
  NO: 'Norge',
  DK: 'Danmark',
  FI: 'Finland',
  NL: 'Holland',
};
export const countryLabel = (c: string) => COUNTRY[c] ?? c;

/** The API's candidate reasons (English, for the log) said in Danish from the same structured fields. */
export function candidateReasons(c: {
  daysBeforeDeadline: number;
  providerKind: ProviderKind;
  distanceKm: number;
  agreementValidTo?: string | null;
  provider: { regionCode?: number | null; country: string };
}): string[] {
  const d = c.daysBeforeDeadline;
  const timing = d > 0 ? `${days(d)} før fristen` : d === 0 ? 'på fristens dag' : `${days(-d)} efter fristen`;
  const where = c.provider.regionCode ? regionLabel(c.provider.regionCode) : countryLabel(c.provider.country);
  const kind =
    c.providerKind === 'PUBLIC'
      ? 'offentligt sygehus'
      : `${c.providerKind === 'PRIVATE' ? 'privathospital' : 'udenlandsk udbyder'}: aftale gyldig til ${formatDate(c.agreementValidTo)}`;
  return [timing, `${where}, ${formatNumber(c.distanceKm, 1)} km`, kind];
}
