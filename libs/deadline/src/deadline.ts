import { MAX_DAY_NUMBER, fromDayNumber, invalidDate, parseDayNumber } from './date';
import { DeadlineInputError } from './errors';
import { type LoadedPauses, loadPauses, sortLoadedPauses } from './pauses';
import { RULE_SETS, type RuleSet, ruleSetForDayNumber } from './rules';
import { PHASES, type Calendar, type DeadlineInput, type DeadlineResult, type ISODate, type Phase } from './types';
import { addWorkingDaysNamed } from './working-days';

function isPhase(value: unknown): value is Phase {
  return value === 'DIAGNOSTIC' || value === 'PRIMARY_TREATMENT' || value === 'ADJUVANT_TREATMENT';
}

/**
 * Extends `deadline` by the pauses: merged overlapping/adjacent pauses are taken in date order, and one starting
 * on or before the current deadline adds its days on or after clockStart. Returns the extended deadline.
 */
function applyPauses(pauses: LoadedPauses, clockStart: number, deadline: number): number {
  sortLoadedPauses(pauses);
  const { count, from: starts, to: ends } = pauses;
  let i = 0;
  while (i < count) {
    const from = starts[i];
    let to = ends[i];
    // Absorb every later pause that overlaps or touches (its from ≤ our to) into this one.
    for (i++; i < count && starts[i] <= to; i++) {
      if (ends[i] > to) to = ends[i];
    }
    // Pauses are in date order, so once one starts after the deadline so do all the rest.
    if (from > deadline) break;
    const countedFrom = from > clockStart ? from : clockStart;
    if (to > countedFrom) deadline += to - countedFrom;
  }
  return deadline;
}

/**
 * The waiting-time deadline of a pathway phase under the rule set in force on clockStart (default DK-2024).
 * Calendar days; a deadline on a weekend or holiday is not moved. `ruleSets` can be replaced for what-if checks.
 */
export function computeDeadline(input: DeadlineInput, ruleSets: readonly RuleSet[] = RULE_SETS): DeadlineResult {
  if (typeof input !== 'object' || input === null) {
    throw new DeadlineInputError('input', 'must be an object with phase and clockStart');
  }
  const { phase, clockStart, patientAcceptedOn } = input;
  if (!isPhase(phase)) {
    throw new DeadlineInputError('phase', `unknown phase '${String(phase)}'; expected one of ${PHASES.join(', ')}`);
  }
  const start = parseDayNumber(clockStart);
  if (Number.isNaN(start)) throw invalidDate(clockStart, 'clockStart');

  let accepted = NaN;
  if (patientAcceptedOn !== undefined && patientAcceptedOn !== null) {
    accepted = parseDayNumber(patientAcceptedOn);
    if (Number.isNaN(accepted)) throw invalidDate(patientAcceptedOn, 'patientAcceptedOn');
    if (accepted < start) {
      throw new DeadlineInputError('patientAcceptedOn', `${patientAcceptedOn} is before clockStart (${clockStart})`);
    }
  }
  const pauses = loadPauses(input.pauses);

  const ruleSet = ruleSetForDayNumber(start, ruleSets, 'clockStart');
  const rule = ruleSet.phases[phase];
  let base = start + rule.daysFromClockStart;
  if (rule.acceptance && !Number.isNaN(accepted)) {
    const byAcceptance = accepted + rule.acceptance.days;
    base = rule.acceptance.combine === 'EARLIER' ? Math.min(base, byAcceptance) : Math.max(base, byAcceptance);
  }
  const deadline = pauses.count === 0 ? base : applyPauses(pauses, start, base);
  if (deadline > MAX_DAY_NUMBER) {
    const field = pauses.count === 0 ? 'clockStart' : 'pauses';
    throw new DeadlineInputError(field, 'the deadline would fall after 9999-12-31');
  }

  return {
    deadline: fromDayNumber(deadline),
    baseDeadline: fromDayNumber(base),
    pausedDays: deadline - base,
    ruleSet: ruleSet.id,
  };
}

/**
 * The § 90 information deadline: the patient must be told within N working days (hverdage) after the referral was
 * received, N from the rule set in force (8 under DK-2024), i.e. addWorkingDays(referralReceived, 8).
 */
export function informationDeadline(referralReceived: ISODate, calendar?: Calendar): ISODate {
  const received = parseDayNumber(referralReceived);
  if (Number.isNaN(received)) throw invalidDate(referralReceived, 'referralReceived');
  const ruleSet = ruleSetForDayNumber(received, RULE_SETS, 'referralReceived');
  const days = ruleSet.informationWorkingDays;
  return addWorkingDaysNamed(referralReceived, days, calendar, 'referralReceived', 'referralReceived');
}
