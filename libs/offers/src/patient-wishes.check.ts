import { AuditRecord, invalidState } from '@app/core';
import { AnswerFact, judge, Pathway, patientWishes, wishesOverrideAudit, WishOverrides } from '@app/pathways';
import { ReferenceService } from '@app/reference';

export interface OfferedSlot {
  id: string;
  provider_id: string;
  slot_date: string;
  provider_kind: string;
  country: string;
}

const OVERRIDE_HINT: Record<string, string> = {
  noForeign: 'overrides.includeAbroad',
  noPrivate: 'overrides.includePrivate',
  nearerThanKm: 'overrides.includeFarther',
  maxKm: 'overrides.includeFarther',
  notBefore: 'overrides.includeBeforeNotBefore',
};

/**
 * createOffer honours what the patient already said (libs/pathways exclusions.ts): a slot the patient declined is
 * refused for good; a slot a hard rule excludes is refused unless the call overrides that rule. Returns the audit row
 * of a used override, which createOffer writes with the offer (same statement).
 */
export async function checkPatientWishes(
  reference: ReferenceService,
  pathway: Pathway,
  answers: AnswerFact[],
  slot: OfferedSlot,
  overrides: WishOverrides = {},
): Promise<AuditRecord[]> {
  const wishes = patientWishes(pathway, answers, overrides);
  const declinedOn = wishes.declinedSlots.get(slot.id);
  if (declinedOn) throw invalidState(`The patient declined this slot on ${declinedOn}; it is not offered again`);
  // Hot path: the distance costs a query, so it is only looked up when a distance rule is in force.
  const distanceKm =
    wishes.nearerThanKm || wishes.maxKm
      ? await reference.distanceKm(pathway.homeMunicipalityCode, slot.provider_id)
      : 0;
  const v = judge(wishes, {
    slotId: slot.id,
    providerKind: slot.provider_kind,
    providerCountry: slot.country,
    distanceKm,
    date: slot.slot_date,
    otherRegion: true,
  });
  if (v.excluded) {
    const rule = (Object.keys(OVERRIDE_HINT) as (keyof typeof wishes)[]).find(
      (k) => wishes[k] === v.excluded,
    ) as string;
    throw invalidState(
      `Not offered: ${v.excluded.whyEn} (${v.excluded.why}); set ${OVERRIDE_HINT[rule]} to offer it anyway`,
    );
  }
  // Every rule the call lifted is written, whether or not this slot needed it: the planner chose to look past it.
  return wishesOverrideAudit(`createOffer slot ${slot.id}`, [{ pathwayId: pathway.id, wishes }]);
}
