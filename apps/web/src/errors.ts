// The API's typed errors (extensions.code / extensions.field) in words a Danish planner reads.
import { CombinedGraphQLErrors } from '@apollo/client';

export interface ApiError {
  code: string;
  field?: string;
  message: string;
  /** The API's own (English) message, shown small for support. */
  detail?: string;
}

const MESSAGES: Record<string, string> = {
  BAD_USER_INPUT: 'Et felt er ikke udfyldt korrekt.',
  UNAUTHENTICATED: 'Din session er udløbet. Log ind igen.',
  FORBIDDEN: 'Du har ikke adgang til dette.',
  NOT_FOUND: 'Findes ikke, eller du har ikke adgang til det.',
  SLOT_NOT_AVAILABLE: 'Tiden er ikke længere ledig – en anden region har netop taget den.',
  AGREEMENT_REQUIRED: 'Der er ingen gyldig aftale med udbyderen for dette kræftområde og denne behandling.',
  INVALID_STATE: 'Handlingen er ikke mulig i den nuværende status.',
  PERSONAL_DATA_REJECTED:
    'Feltet ligner et CPR-nummer eller andre personoplysninger. Brug kun regionens pseudonyme forløbsnummer.',
  TOO_MANY_REQUESTS: 'For mange loginforsøg. Vent et minut, og prøv igen.',
  NETWORK: 'Der er ingen forbindelse til serveren. Prøv igen om lidt.',
  INTERNAL_SERVER_ERROR: 'Der skete en fejl på serveren. Prøv igen, og kontakt support hvis fejlen fortsætter.',
};

/** Danish messages for field errors the API reports often; anything else gets a generic text plus the API's detail. */
const FIELD_HINTS: Record<string, string> = {
  reference: 'Forløbsnummeret er ugyldigt eller findes allerede i regionen.',
  clockStart: 'Startdatoen er ugyldig.',
  homeMunicipalityCode: 'Vælg en gyldig bopælskommune.',
  expectedDate: 'Forventet dato er ugyldig.',
  from: 'Fra-datoen er ugyldig.',
  to: 'Til-datoen skal ligge efter fra-datoen.',
  starts: 'Starttidspunkterne skal ligge i fremtiden.',
  startTime: 'Angiv klokkeslæt som TT:MM.',
  weekdays: 'Vælg mindst én ugedag.',
  toDate: 'Slutdatoen skal ligge efter startdatoen og højst et år frem.',
  fromDate: 'Startdatoen er ugyldig.',
  durationMinutes: 'Varigheden skal være mellem 5 og 1.440 minutter.',
  note: 'Skriv en note, når årsagen er »Andet«.',
  declineReason: 'Vælg en årsag til afslaget.',
  treatedOn: 'Angiv behandlingsdato.',
};

/** `hints`: a screen's own wording for its fields, where the shared one above would say the wrong thing. */
export function apiErrorOf(err: unknown, hints: Record<string, string> = {}): ApiError {
  if (CombinedGraphQLErrors.is(err) && err.errors.length) {
    const e = err.errors[0];
    const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const field = e.extensions?.field ? String(e.extensions.field) : undefined;
    const lastField = field?.split('.').pop();
    // The API's own Danish wording (e.g. which region a pathway belongs to) when it sends one.
    const messageDa = typeof e.extensions?.messageDa === 'string' ? e.extensions.messageDa : undefined;
    const hint = lastField ? (hints[lastField] ?? FIELD_HINTS[lastField]) : undefined;
    const message =
      code === 'BAD_USER_INPUT' && hint ? hint : (messageDa ?? MESSAGES[code] ?? MESSAGES.INTERNAL_SERVER_ERROR);
    return { code, field: lastField, message, detail: e.message };
  }
  return { code: 'NETWORK', message: MESSAGES.NETWORK, detail: err instanceof Error ? err.message : undefined };
}

export function errorText(err: unknown): string {
  return apiErrorOf(err).message;
}

export function hasCode(err: unknown, code: string): boolean {
  return CombinedGraphQLErrors.is(err) && err.errors.some((e) => e.extensions?.code === code);
}
