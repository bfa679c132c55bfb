import { invalidDate, parseDayNumber, toDayNumber } from './date';
import { DeadlineInputError } from './errors';
import { HEALTH, PATIENT_CHOICE, loadPauses } from './pauses';
import type { Outcome, OutcomeInput } from './types';

/**
 * Outcome of a finished pathway, mirroring SST's monitoring categories: within the deadline, or else (first match
 * wins) exceeded by patient choice, for health reasons, despite an offer of other capacity in time, or rules not kept.
 */
export function classifyOutcome(input: OutcomeInput): Outcome {
  if (typeof input !== 'object' || input === null) {
    throw new DeadlineInputError('input', 'must be an object with deadline and treatedOn');
  }
  const deadline = toDayNumber(input.deadline, 'deadline');
  const treatedOn = toDayNumber(input.treatedOn, 'treatedOn');
  const pauses = loadPauses(input.pauses);
  let patientChoice = false;
  let health = false;
  for (let i = 0; i < pauses.count; i++) {
    if (pauses.reason[i] === PATIENT_CHOICE) patientChoice = true;
    else if (pauses.reason[i] === HEALTH) health = true;
  }
  const offerDates: unknown = input.offerDates;
  if (offerDates !== undefined && offerDates !== null && !Array.isArray(offerDates)) {
    throw new DeadlineInputError('offerDates', 'must be an array of dates');
  }
  let offeredInTime = false;
  if (Array.isArray(offerDates)) {
    for (let i = 0; i < offerDates.length; i++) {
      const offered = parseDayNumber(offerDates[i]);
      if (Number.isNaN(offered)) throw invalidDate(offerDates[i], `offerDates[${i}]`);
      if (offered <= deadline) offeredInTime = true;
    }
  }

  if (treatedOn <= deadline) return 'WITHIN_DEADLINE';
  if (patientChoice) return 'EXCEEDED_PATIENT_CHOICE';
  if (health) return 'EXCEEDED_HEALTH';
  if (offeredInTime) return 'EXCEEDED_CAPACITY_OFFERED';
  return 'RULES_NOT_KEPT';
}
