import { badInput, Modality } from '@app/core';
import { PathwayPhase } from './pathway.entities';

/** Which modalities a phase may have: a diagnostic phase examines, the treatment phases treat. */
export const MODALITIES_OF_PHASE: Record<PathwayPhase, Modality[]> = {
  [PathwayPhase.DIAGNOSTIC]: [Modality.DIAGNOSTIC],
  [PathwayPhase.PRIMARY_TREATMENT]: [Modality.SURGERY, Modality.CHEMOTHERAPY, Modality.RADIOTHERAPY],
  [PathwayPhase.ADJUVANT_TREATMENT]: [Modality.SURGERY, Modality.CHEMOTHERAPY, Modality.RADIOTHERAPY],
};

export function assertPhaseModality(phase: PathwayPhase, modality: Modality): void {
  const allowed = MODALITIES_OF_PHASE[phase];
  if (!allowed?.includes(modality)) {
    throw badInput('modality', `Phase ${phase} goes with modality ${allowed?.join(', ') ?? '?'}, not ${modality}`);
  }
}
