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

/** Canonical orders, so every output lists rows the same way whatever order PostgreSQL returns them in. */
export const CANCER_AREA_ORDER: readonly string[] = Object.values(CancerArea);
export const PROVIDER_KIND_ORDER: readonly string[] = Object.values(ProviderKind);
export const DECLINE_REASON_ORDER: readonly string[] = Object.values(DeclineReason);
export const DECISION_KIND_ORDER: readonly string[] = Object.values(DecisionKind);
export const OUTCOME_ORDER: readonly Outcome[] = Object.keys(OUTCOME_DA) as Outcome[];
