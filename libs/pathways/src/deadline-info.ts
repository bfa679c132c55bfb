import { LocalDateScalar } from '@app/core';
import {
  addWorkingDays,
  computeDeadline,
  DeadlineInput,
  diffDays,
  informationDeadline,
  workingDaysBetween,
} from '@app/deadline';
import { Field, Int, ObjectType } from '@nestjs/graphql';

/** The deadline of a pathway (or a what-if input) with the figures a planner reads out: all from libs/deadline. */
@ObjectType()
export class DeadlineInfo {
  @Field(() => LocalDateScalar) deadline: string;
  @Field(() => LocalDateScalar, { description: 'Deadline before pauses' }) baseDeadline: string;
  @Field(() => Int) pausedDays: number;
  @Field() ruleSet: string;
  @Field(() => Int, { description: 'Maximum waiting time of the phase in calendar days (baseDeadline − clock start)' })
  maxDays: number;
  @Field(() => LocalDateScalar, { description: '§ 90: information to the patient within 8 working days' })
  informationDeadline: string;
  @Field(() => LocalDateScalar) asOf: string;
  @Field(() => Int, { description: 'Working days from asOf to the deadline (negative when passed)' })
  workingDaysLeft: number;
  @Field(() => Int, { description: 'Calendar days from asOf to the deadline (negative when passed)' }) daysLeft: number;
}

/** `asOf` is the caller's today (the Clock's) or a what-if date. */
export function deadlineInfo(input: DeadlineInput, asOf: string): DeadlineInfo {
  const r = computeDeadline(input);
  return {
    ...r,
    maxDays: diffDays(input.clockStart, r.baseDeadline),
    informationDeadline: informationDeadline(input.clockStart),
    asOf,
    workingDaysLeft: workingDaysBetween(asOf, r.deadline),
    daysLeft: diffDays(asOf, r.deadline),
  };
}

/** The last date whose deadline is still "within N working days" of asOf (early-warning horizon). */
export const warningHorizon = (asOf: string, workingDays: number) => addWorkingDays(asOf, workingDays);
