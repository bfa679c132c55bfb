import { ISODate, todayInCopenhagen } from '@app/deadline';
import { Global, Injectable, Module } from '@nestjs/common';

/**
 * "Now" for the services, so tests and the demo can set the date the system believes it is. The system clock unless
 * set; `set` either freezes time at an instant or shifts it (time keeps running from there). Pure code (libs/deadline,
 * the allocation solver) does not use this: it takes dates as arguments.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;
  private offsetMs = 0;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date(Date.now() + this.offsetMs);
  }

  /** Today's Danish calendar date (Europe/Copenhagen). */
  today(): ISODate {
    return todayInCopenhagen(this.now());
  }

  /** Pretend it is `at` from now on: frozen there (default), or running on from there. */
  set(at: Date | string, opts: { running?: boolean } = {}): void {
    const instant = typeof at === 'string' ? new Date(at) : at;
    if (Number.isNaN(instant.getTime())) throw new Error(`Clock.set: ${String(at)} is not an instant`);
    if (opts.running) {
      this.fixed = null;
      this.offsetMs = instant.getTime() - Date.now();
    } else {
      this.fixed = new Date(instant);
      this.offsetMs = 0;
    }
  }

  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void {
    if (this.fixed) this.fixed = new Date(this.fixed.getTime() + ms);
    else this.offsetMs += ms;
  }

  /** Back to the system clock. */
  reset(): void {
    this.fixed = null;
    this.offsetMs = 0;
  }
}

/** One Clock per application (api and worker each have their own), available everywhere. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
