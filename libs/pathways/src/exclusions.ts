import { todayInCopenhagen } from '@app/deadline';

/**
 * What the patient already said, as matching rules (issues 16 and 22). Pure: the same rules drive the candidate
 * ranking (SQL parameters), the allocation input and createOffer's check, so the three never disagree.
 *
 * Declines: a declined slot is never proposed again; ABROAD (or LANGUAGE at a foreign provider) → no foreign
 * providers; DISTANCE → only providers nearer than the declined one; PREFERS_OWN_HOSPITAL → other regions flagged;
 * TIMING → the declined date ranked last (left out of an allocation); HEALTH → suggest a pause.
 * Preferences: maxTravelKm, acceptsAbroad = false, acceptsPrivate = false, notBefore. Every rule except the declined
 * slot itself can be lifted per call by an override, which the caller audits.
 */

export interface AnswerFact {
  slotId: string;
  providerKind: string;
  providerCountry: string;
  slotDate: string;
  distanceKm: number;
  answer: 'ACCEPTED' | 'DECLINED';
  declineReason: string | null;
  answeredAt: Date;
}

export interface PreferenceFacts {
  maxTravelKm: number | null;
  acceptsAbroad: boolean | null;
  acceptsPrivate: boolean | null;
  notBefore: string | null;
}

/** Per-call lifting of the rules (all default false). */
export interface WishOverrides {
  /** Foreign providers despite an ABROAD/LANGUAGE decline or acceptsAbroad = false. */
  includeAbroad?: boolean;
  /** Private providers despite acceptsPrivate = false. */
  includePrivate?: boolean;
  /** Farther providers despite a DISTANCE decline or maxTravelKm. */
  includeFarther?: boolean;
  /** Slots before notBefore. */
  includeBeforeNotBefore?: boolean;
  /** Rank (or allocate) slots on a date declined for TIMING like any other. */
  includeDeclinedDates?: boolean;
}

export const OVERRIDE_KEYS = [
  'includeAbroad',
  'includePrivate',
  'includeFarther',
  'includeBeforeNotBefore',
  'includeDeclinedDates',
] as const;
export type OverrideKey = (typeof OVERRIDE_KEYS)[number];

interface Rule {
  /** Danish, for the reasons: why the rule applies. */
  why: string;
  /** English, for API error messages. */
  whyEn: string;
}

export interface PatientWishes {
  /** Slot id → the day it was declined (Copenhagen date). Never overridable. */
  declinedSlots: Map<string, string>;
  noForeign: Rule | null;
  noPrivate: Rule | null;
  /** Only providers strictly nearer than this (a DISTANCE decline). */
  nearerThanKm: (Rule & { km: number }) | null;
  /** Only providers at most this far (maxTravelKm). */
  maxKm: (Rule & { km: number }) | null;
  notBefore: (Rule & { date: string }) | null;
  /** TIMING declines: these dates are ranked last / not allocated. */
  lastDates: (Rule & { dates: string[] }) | null;
  /** PREFERS_OWN_HOSPITAL: candidates outside the own region are flagged. */
  flagOtherRegions: Rule | null;
  /** HEALTH: suggest recordPause. */
  suggestPause: Rule | null;
  /** Danish sentences of the rules this call lifted, for the reasons and the audit row. */
  lifted: { override: OverrideKey; why: string }[];
}

const MONTHS_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

/** '2026-12-02' → '2. dec. 2026'. */
export function dateDa(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS_SHORT[m - 1]} ${y}`;
}

/** 80 → '80', 12.5 → '12,5'. */
export const kmDa = (km: number) => (Number.isInteger(km) ? String(km) : km.toFixed(1).replace('.', ','));

/** Distance bands of the acceptance rates and the report (SQL twin: `distance_band`). */
export const DISTANCE_BANDS = ['0-25', '25-50', '50-100', '100-200', '200+', 'ABROAD'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export function distanceBand(country: string, km: number): DistanceBand {
  if (country !== 'DK') return 'ABROAD';
  return km < 25 ? '0-25' : km < 50 ? '25-50' : km < 100 ? '50-100' : km < 200 ? '100-200' : '200+';
}

export const BAND_LABEL_DA: Record<DistanceBand, string> = {
  '0-25': '0–25 km',
  '25-50': '25–50 km',
  '50-100': '50–100 km',
  '100-200': '100–200 km',
  '200+': 'over 200 km',
  ABROAD: 'udlandet',
};

/** The rules of one pathway from its answers and preferences, with `overrides` applied. */
export function patientWishes(
  prefs: PreferenceFacts,
  answers: AnswerFact[],
  overrides: WishOverrides = {},
): PatientWishes {
  const declines = answers
    .filter((a) => a.answer === 'DECLINED')
    .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
  const on = (a: AnswerFact) => todayInCopenhagen(a.answeredAt);
  const w: PatientWishes = {
    declinedSlots: new Map(declines.map((a) => [a.slotId, on(a)])),
    noForeign: null,
    noPrivate: null,
    nearerThanKm: null,
    maxKm: null,
    notBefore: null,
    lastDates: null,
    flagOtherRegions: null,
    suggestPause: null,
    lifted: [],
  };
  const lift = (key: OverrideKey, why: string) => {
    w.lifted.push({ override: key, why });
    return null;
  };

  const abroad = declines
    .filter((a) => a.declineReason === 'ABROAD' || (a.declineReason === 'LANGUAGE' && a.providerCountry !== 'DK'))
    .at(-1);
  if (abroad) {
    const why =
      abroad.declineReason === 'ABROAD'
        ? `Patienten afslog behandling i udlandet ${dateDa(on(abroad))}`
        : `Patienten afslog behandling i udlandet af sproglige grunde ${dateDa(on(abroad))}`;
    const rule = { why, whyEn: `the patient declined treatment abroad on ${on(abroad)}` };
    w.noForeign = overrides.includeAbroad ? lift('includeAbroad', why) : rule;
  } else if (prefs.acceptsAbroad === false) {
    const why = 'Patienten ønsker ikke behandling i udlandet';
    w.noForeign = overrides.includeAbroad
      ? lift('includeAbroad', why)
      : { why, whyEn: 'the patient does not accept treatment abroad' };
  }
  if (prefs.acceptsPrivate === false) {
    const why = 'Patienten ønsker ikke behandling på privathospital';
    w.noPrivate = overrides.includePrivate
      ? lift('includePrivate', why)
      : { why, whyEn: 'the patient does not accept a private hospital' };
  }
  const distance = declines
    .filter((a) => a.declineReason === 'DISTANCE')
    .sort((a, b) => a.distanceKm - b.distanceKm)[0];
  if (distance) {
    const why = `Patienten afslog et tilbud ${kmDa(distance.distanceKm)} km væk ${dateDa(on(distance))}`;
    w.nearerThanKm = overrides.includeFarther
      ? lift('includeFarther', why)
      : {
          why,
          whyEn: `the patient declined an offer ${distance.distanceKm} km away on ${on(distance)}`,
          km: distance.distanceKm,
        };
  }
  if (prefs.maxTravelKm !== null) {
    const why = `Patienten ønsker højst ${prefs.maxTravelKm} km transport`;
    w.maxKm = overrides.includeFarther
      ? lift('includeFarther', why)
      : { why, whyEn: `the patient travels at most ${prefs.maxTravelKm} km`, km: prefs.maxTravelKm };
  }
  if (prefs.notBefore !== null) {
    const why = `Patienten kan tidligst ${dateDa(prefs.notBefore)}`;
    w.notBefore = overrides.includeBeforeNotBefore
      ? lift('includeBeforeNotBefore', why)
      : { why, whyEn: `the patient cannot come before ${prefs.notBefore}`, date: prefs.notBefore };
  }
  const timing = declines.filter((a) => a.declineReason === 'TIMING');
  if (timing.length) {
    const dates = [...new Set(timing.map((a) => a.slotDate))].sort();
    const why = `Patienten afslog tiden ${dates.map(dateDa).join(', ')} (afslag ${dateDa(on(timing.at(-1)!))})`;
    w.lastDates = overrides.includeDeclinedDates
      ? lift('includeDeclinedDates', why)
      : { why, whyEn: `the patient declined the date ${dates.join(', ')}`, dates };
  }
  const own = declines.filter((a) => a.declineReason === 'PREFERS_OWN_HOSPITAL').at(-1);
  if (own) {
    w.flagOtherRegions = {
      why: `Patienten foretrækker eget sygehus (afslag ${dateDa(on(own))})`,
      whyEn: `the patient prefers the own hospital (declined ${on(own)})`,
    };
  }
  const health = declines.filter((a) => a.declineReason === 'HEALTH').at(-1);
  if (health) {
    w.suggestPause = {
      why: `Patienten afslog af helbredsmæssige grunde ${dateDa(on(health))}: overvej at registrere en pause (recordPause)`,
      whyEn: `the patient declined for health reasons on ${on(health)}; consider recordPause`,
    };
  }
  return w;
}

export interface CandidateFacts {
  slotId: string;
  providerKind: string;
  providerCountry: string;
  distanceKm: number;
  date: string;
  /** The candidate is outside the patient's own (effective) region. */
  otherRegion: boolean;
}

export interface Verdict {
  /** Set when a hard rule excludes the candidate. */
  excluded: Rule | null;
  /** The candidate was declined before (never overridable); the decline date. */
  declinedOn: string | null;
  /** Danish notes for the candidate's reasons (flags, ranked-last, lifted rules). */
  notes: string[];
}

/** How the rules treat one candidate; the same decision as the SQL filter and the allocation input. */
export function judge(w: PatientWishes, c: CandidateFacts): Verdict {
  const declinedOn = w.declinedSlots.get(c.slotId) ?? null;
  const excluded = providerRuleExcluding(w, c) ?? (w.notBefore && c.date < w.notBefore.date ? w.notBefore : null);
  return { excluded, declinedOn, notes: notesFor(w, c) };
}

/** Whether the wishes have a rule that depends on the provider (abroad, private, distance). */
export function hasProviderRules(w: PatientWishes): boolean {
  return !!(w.noForeign || w.noPrivate || w.nearerThanKm || w.maxKm);
}

/**
 * The first provider-level hard rule (abroad, private, distance) that excludes a provider, or null: the part of
 * `judge` that does not depend on the slot or date, for callers that judge providers rather than slots (the batch
 * allocation's input).
 */
export function providerRuleExcluding(
  w: PatientWishes,
  c: Pick<CandidateFacts, 'providerKind' | 'providerCountry' | 'distanceKm'>,
): Rule | null {
  if (w.noForeign && (c.providerKind === 'FOREIGN' || c.providerCountry !== 'DK')) return w.noForeign;
  if (w.noPrivate && c.providerKind === 'PRIVATE') return w.noPrivate;
  if (w.nearerThanKm && !(c.distanceKm < w.nearerThanKm.km)) return w.nearerThanKm;
  if (w.maxKm && c.distanceKm > w.maxKm.km) return w.maxKm;
  return null;
}

/** Reasons added to a candidate that passed the rules: what the rules did and why. */
export function notesFor(w: PatientWishes, c: Pick<CandidateFacts, 'date' | 'otherRegion'>): string[] {
  const notes: string[] = [];
  if (w.declinedSlots.size)
    notes.push(`${w.declinedSlots.size} afslået tid${w.declinedSlots.size === 1 ? '' : 'er'} foreslås ikke igen`);
  if (w.noForeign) notes.push(`Udlandet udelukket: ${w.noForeign.why}`);
  if (w.noPrivate) notes.push(`Privathospitaler udelukket: ${w.noPrivate.why}`);
  if (w.nearerThanKm) notes.push(`Kun steder nærmere end ${kmDa(w.nearerThanKm.km)} km: ${w.nearerThanKm.why}`);
  if (w.maxKm) notes.push(`Steder over ${w.maxKm.km} km udelukket: ${w.maxKm.why}`);
  if (w.notBefore) notes.push(`Tider før ${dateDa(w.notBefore.date)} udelukket: ${w.notBefore.why}`);
  if (w.lastDates && w.lastDates.dates.includes(c.date)) notes.push(`Rangeret sidst: ${w.lastDates.why}`);
  if (w.flagOtherRegions && c.otherRegion)
    notes.push(`OBS: ${w.flagOtherRegions.why}; denne tid er uden for patientens egen region`);
  if (w.suggestPause) notes.push(w.suggestPause.why);
  for (const l of w.lifted) notes.push(`Tilsidesat for dette opslag (${l.override}): ${l.why}`);
  return notes;
}

/** Danish sentences of the hard rules in force (what can leave a pathway without a slot). */
export function activeRules(w: PatientWishes): string[] {
  return [w.noForeign, w.noPrivate, w.nearerThanKm, w.maxKm, w.notBefore]
    .filter((r): r is Rule => r !== null)
    .map((r) => r.why);
}

/** The audit rows (`pathway.wishes-override`) of the pathways whose rules an override lifted in one call. */
export function wishesOverrideAudit(
  context: string,
  lifted: { pathwayId: string; wishes: PatientWishes }[],
): { action: string; entityType: string; entityId: string; after: object }[] {
  return lifted
    .filter((x) => x.wishes.lifted.length)
    .map((x) => ({
      action: 'pathway.wishes-override',
      entityType: 'pathway',
      entityId: x.pathwayId,
      after: { context, lifted: x.wishes.lifted },
    }));
}
