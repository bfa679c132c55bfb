import { CancerArea, ProviderKind } from '@app/core';
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

/** Canonical orders, so every output lists rows the same way whatever order PostgreSQL returns them in. */
export const CANCER_AREA_ORDER: readonly string[] = Object.values(CancerArea);
export const PROVIDER_KIND_ORDER: readonly string[] = Object.values(ProviderKind);
export const DECLINE_REASON_ORDER: readonly string[] = Object.values(DeclineReason);
export const DECISION_KIND_ORDER: readonly string[] = Object.values(DecisionKind);
