import { fromDayNumber, toDayNumber } from './date';
import { DeadlineInputError } from './errors';
import type { ISODate, Phase } from './types';

/**
 * How one phase's deadline is computed, in calendar days:
 * deadline = clockStart + daysFromClockStart, combined with patientAcceptedOn + acceptance.days when the patient
 * has accepted: 'EARLIER' takes the earlier of the two, 'LATER' the later. Without `acceptance` the acceptance
 * date plays no part.
 */
export interface PhaseRule {
  daysFromClockStart: number;
  acceptance?: { days: number; combine: 'EARLIER' | 'LATER' };
}

/** One version of the waiting-time rules; a change in law is a new entry with a later `validFrom`. */
export interface RuleSet {
  id: string;
  /** First clockStart date the rule set applies to. */
  validFrom: ISODate;
  description: string;
  sources: readonly string[];
  phases: Readonly<Record<Phase, Readonly<PhaseRule>>>;
  /** Working days (hverdage) after the referral within which the patient must be informed (§ 90). */
  informationWorkingDays: number;
}

export const DEFAULT_RULE_SET = 'DK-2024';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * The rule sets, oldest first. DK-2024 is the only one and applies from the start of the supported calendar
 * (1900), so historical pathways still get a deadline; a future change adds an entry with its own validFrom.
 */
export const RULE_SETS: readonly RuleSet[] = deepFreeze([
  {
    id: DEFAULT_RULE_SET,
    validFrom: '1900-01-01',
    description: 'Maximum waiting times for cancer: 14 days diagnostic, 28 days primary treatment, 14 days adjuvant.',
    sources: [
      'Sundhedsloven §§ 88–90',
      'BEK nr. 584 af 28.04.2015',
      'SST vejledning 2024/9185',
      'SST trin-for-trin-vejledning 2024',
    ],
    phases: {
      DIAGNOSTIC: { daysFromClockStart: 14 },
      PRIMARY_TREATMENT: { daysFromClockStart: 28, acceptance: { days: 14, combine: 'EARLIER' } },
      ADJUVANT_TREATMENT: { daysFromClockStart: 14, acceptance: { days: 14, combine: 'LATER' } },
    },
    informationWorkingDays: 8,
  },
]);

/** The rule set with this id; throws DeadlineInputError('ruleSet') if there is none. */
export function getRuleSet(id: string, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet {
  const found = ruleSets.find((ruleSet) => ruleSet.id === id);
  if (!found) throw new DeadlineInputError('ruleSet', `unknown rule set '${id}'`);
  return found;
}

/** validFrom of the built-in rule sets as day numbers, so the common case parses nothing per call. */
const DEFAULT_VALID_FROM = RULE_SETS.map((ruleSet) => toDayNumber(ruleSet.validFrom, 'validFrom'));

/** The rule set in force on a day number (latest validFrom on or before it); errors name `field`. */
export function ruleSetForDayNumber(dayNumber: number, ruleSets: readonly RuleSet[], field: string): RuleSet {
  let best: RuleSet | undefined;
  let bestFrom = -Infinity;
  for (let i = 0; i < ruleSets.length; i++) {
    const from = ruleSets === RULE_SETS ? DEFAULT_VALID_FROM[i] : toDayNumber(ruleSets[i].validFrom, 'validFrom');
    if (from <= dayNumber && from > bestFrom) {
      best = ruleSets[i];
      bestFrom = from;
    }
  }
  if (!best) throw new DeadlineInputError(field, `no deadline rule set is in force on ${fromDayNumber(dayNumber)}`);
  return best;
}

/** The rule set in force on `date` (the one with the latest validFrom on or before it). */
export function ruleSetFor(date: ISODate, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet {
  return ruleSetForDayNumber(toDayNumber(date, 'date'), ruleSets, 'date');
}
