/** A pure calendar date 'YYYY-MM-DD' (Danish calendar date, no time and no time zone). */
export type ISODate = string;

export type Phase = 'DIAGNOSTIC' | 'PRIMARY_TREATMENT' | 'ADJUVANT_TREATMENT';

/** PUBLIC_SECTOR also closes on Grundlovsdag, Juleaftensdag and Nytårsaftensdag; OFFICIAL only on helligdage. */
export type Calendar = 'PUBLIC_SECTOR' | 'OFFICIAL';

export type Outcome =
  'WITHIN_DEADLINE' | 'EXCEEDED_PATIENT_CHOICE' | 'EXCEEDED_HEALTH' | 'EXCEEDED_CAPACITY_OFFERED' | 'RULES_NOT_KEPT';

export type PauseReason = 'PATIENT_CHOICE' | 'HEALTH';

/** A pause of the waiting-time clock, `from` inclusive and `to` exclusive. */
export interface Pause {
  from: ISODate;
  to: ISODate;
  reason: PauseReason;
}

export interface DeadlineInput {
  phase: Phase;
  clockStart: ISODate;
  patientAcceptedOn?: ISODate;
  pauses?: Pause[];
}

export interface DeadlineResult {
  deadline: ISODate;
  /** The deadline before pauses. */
  baseDeadline: ISODate;
  /** Calendar days added by pauses: diffDays(baseDeadline, deadline). */
  pausedDays: number;
  /** Id of the rule set in force on clockStart. */
  ruleSet: string;
}

export interface Holiday {
  date: ISODate;
  name: string;
}

export interface OutcomeInput {
  deadline: ISODate;
  treatedOn: ISODate;
  pauses?: Pause[];
  offerDates?: ISODate[];
}

export const PHASES: readonly Phase[] = Object.freeze(['DIAGNOSTIC', 'PRIMARY_TREATMENT', 'ADJUVANT_TREATMENT']);
export const CALENDARS: readonly Calendar[] = Object.freeze(['PUBLIC_SECTOR', 'OFFICIAL']);
export const PAUSE_REASONS: readonly PauseReason[] = Object.freeze(['PATIENT_CHOICE', 'HEALTH']);
export const DEFAULT_CALENDAR: Calendar = 'PUBLIC_SECTOR';
