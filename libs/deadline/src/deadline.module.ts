import { Global, Injectable, Module } from '@nestjs/common';
import { computeDeadline, informationDeadline } from './deadline';
import { todayInCopenhagen } from './date';
import { classifyOutcome } from './outcome';
import { RULE_SETS } from './rules';
import type { Calendar, DeadlineInput, DeadlineResult, ISODate, Outcome, OutcomeInput } from './types';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';

/**
 * The deadline module as an injectable, for api and worker code that prefers DI (and one place for "today" in
 * Copenhagen). It only delegates: the rules live in the pure functions, which any code may also import directly.
 */
@Injectable()
export class DeadlineService {
  readonly ruleSets = RULE_SETS;
  compute(input: DeadlineInput): DeadlineResult {
    return computeDeadline(input);
  }
  informationDeadline(referralReceived: ISODate, calendar?: Calendar): ISODate {
    return informationDeadline(referralReceived, calendar);
  }
  addWorkingDays(date: ISODate, n: number, calendar?: Calendar): ISODate {
    return addWorkingDays(date, n, calendar);
  }
  workingDaysBetween(from: ISODate, to: ISODate, calendar?: Calendar): number {
    return workingDaysBetween(from, to, calendar);
  }
  isWorkingDay(date: ISODate, calendar?: Calendar): boolean {
    return isWorkingDay(date, calendar);
  }
  classifyOutcome(input: OutcomeInput): Outcome {
    return classifyOutcome(input);
  }
  today(now?: Date): ISODate {
    return todayInCopenhagen(now);
  }
}

/** Kept out of index.ts so importing `@app/deadline` never pulls in NestJS. */
@Global()
@Module({ providers: [DeadlineService], exports: [DeadlineService] })
export class DeadlineModule {}
