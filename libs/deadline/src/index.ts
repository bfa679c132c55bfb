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
// What other code uses. Helpers only the module itself (and its specs) use stay in their files: the day-number
// conversions, ISO parsing and comparison, the holiday list, and the rule-set lookup behind computeDeadline.
export {
  addDays,
  copenhagenOffsetMs,
  dayOfWeek,
  diffDays,
  isValidISODate,
  todayInCopenhagen,
  toDayNumber,
} from './date';
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';
export { computeDeadline, informationDeadline } from './deadline';
export { classifyOutcome } from './outcome';
