/* Public API of the pure deadline module (`@app/deadline`): no NestJS or database imports here. */
export type {
  Calendar,
  DeadlineInput,
  DeadlineResult,
  Holiday,
  ISODate,
  Outcome,
  OutcomeInput,
  Pause,
  PauseReason,
  Phase,
} from './types';
export { CALENDARS, DEFAULT_CALENDAR, PAUSE_REASONS, PHASES } from './types';
export { DeadlineInputError } from './errors';
export {
  addDays,
  compareISODate,
  dayOfWeek,
  diffDays,
  fromDayNumber,
  isValidISODate,
  parseISODate,
  todayInCopenhagen,
  toDayNumber,
} from './date';
export type { DateParts } from './date';
export { MAX_YEAR, MIN_YEAR, danishHolidays, easterSunday } from './holidays';
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';
export { DEFAULT_RULE_SET, RULE_SETS, getRuleSet, ruleSetFor } from './rules';
export type { PhaseRule, RuleSet } from './rules';
export { computeDeadline, informationDeadline } from './deadline';
export { classifyOutcome } from './outcome';
