import { CancerArea, ProviderKind } from '@app/core';
import type { Outcome } from '@app/deadline';
import { DecisionKind } from '@app/meetings';
import { DeclineReason } from '@app/offers';

/** Danish report texts for codes that have no Danish name in the database. */
export const PROVIDER_KIND_DA: Record<string, string> = {
  [ProviderKind.PUBLIC]: 'Offentlig',
  [ProviderKind.PRIVATE]: 'Privat',
  [ProviderKind.FOREIGN]: 'Udenlandsk',
};

export const DECLINE_REASON_DA: Record<DeclineReason, string> = {
  [DeclineReason.DISTANCE]: 'Afstand',
  [DeclineReason.ABROAD]: 'Ønsker ikke behandling i udlandet',
  [DeclineReason.PREFERS_OWN_HOSPITAL]: 'Foretrækker eget sygehus',
  [DeclineReason.TIMING]: 'Tidspunktet passer ikke',
  [DeclineReason.HEALTH]: 'Helbred',
  [DeclineReason.LANGUAGE]: 'Sprog',
  [DeclineReason.FAMILY_OR_WORK]: 'Familie eller arbejde',
  [DeclineReason.OTHER]: 'Andet',
};

export const DECISION_KIND_DA: Record<DecisionKind, string> = {
  [DecisionKind.OFFER_MADE]: 'Tilbud givet',
  [DecisionKind.NO_ACTION]: 'Ingen handling',
  [DecisionKind.ESCALATE]: 'Eskaleret',
};

/** SST's monitoring categories for a finished pathway (libs/deadline classifyOutcome), in its order of precedence. */
export const OUTCOME_DA: Record<Outcome, string> = {
  WITHIN_DEADLINE: 'Inden for fristen',
  EXCEEDED_PATIENT_CHOICE: 'Overskredet – patientens eget valg',
  EXCEEDED_HEALTH: 'Overskredet – helbredsmæssige årsager',
  EXCEEDED_CAPACITY_OFFERED: 'Overskredet – tilbud om alternativ givet',
  RULES_NOT_KEPT: 'Regler ikke overholdt',
};

/** Countries of providers (ISO 3166-1 alpha-2); a code not listed is printed as the code. */
export const COUNTRY_DA: Record<string, string> = {
  DK: 'Danmark',
  DE: 'Tyskland',
  SE: 'Sverige',
  NO: 'Norge',
  FI: 'Finland',
  NL: 'Nederlandene',
  BE: 'Belgien',
  FR: 'Frankrig',
  GB: 'Storbritannien',
  CH: 'Schweiz',
  AT: 'Østrig',
  ES: 'Spanien',
  IS: 'Island',
  PL: 'Polen',
  US: 'USA',
};

/** A sample audit's finding for one pathway (libs/audits); '' in the report = not yet assessed. */
export const FINDING_DA: Record<string, string> = {
  MET: 'Handlepligt opfyldt',
  NOT_MET: 'Handlepligt ikke opfyldt',
  UNCLEAR: 'Uafklaret',
  NOT_ASSESSED: 'Ikke vurderet',
};

export const AUDIT_CRITERION_DA: Record<string, string> = {
  TREATED_LATE: 'Behandlet efter fristen',
  DECLINED_OFFER: 'Afslået tilbud',
  NO_OFFER_BEFORE_DEADLINE: 'Intet tilbud inden fristen',
};
export const AUDIT_STATUS_DA: Record<string, string> = { OPEN: 'Åben', CLOSED: 'Afsluttet' };

/** Canonical orders, so every output lists rows the same way whatever order PostgreSQL returns them in. */
export const CANCER_AREA_ORDER: readonly string[] = Object.values(CancerArea);
export const PROVIDER_KIND_ORDER: readonly string[] = Object.values(ProviderKind);
export const DECLINE_REASON_ORDER: readonly string[] = Object.values(DeclineReason);
export const DECISION_KIND_ORDER: readonly string[] = Object.values(DecisionKind);
export const COUNTRY_ORDER: readonly string[] = Object.keys(COUNTRY_DA);
export const FINDING_ORDER: readonly string[] = Object.keys(FINDING_DA);
export const OUTCOME_ORDER: readonly Outcome[] = Object.keys(OUTCOME_DA) as Outcome[];
