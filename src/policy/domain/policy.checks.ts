import { ValidationFailed, type Problem } from '../../common/errors.js';
import { DATE_RULE, isCalendarDate, type CalendarDate } from '../../common/time.js';

/**
 * Collects every problem of a command before rejecting it, so a caller learns all of them at
 * once (docs/api.md: Errors). The HTTP edge checks shapes first; deciders check again what the
 * domain depends on, because the Lingang pack and the expiry scheduler do not pass the edge.
 */
export class Problems {
  private readonly found: Problem[] = [];

  add(field: string, reason: string): this {
    this.found.push({ field, reason });
    return this;
  }

  /** A real `YYYY-MM-DD` calendar date (no 2025-02-30). */
  date(field: string, value: CalendarDate | undefined, optional = false): this {
    if (value === undefined ? !optional : !isCalendarDate(value)) this.add(field, DATE_RULE);
    return this;
  }

  /** A half-open interval: `until`, when given, strictly after `from` (docs/domain.md §2). */
  interval(from: CalendarDate, until: CalendarDate | undefined, untilField = 'effectiveUntil', fromField = 'effectiveFrom'): this {
    this.date(fromField, from).date(untilField, until, true);
    if (until !== undefined && isCalendarDate(from) && isCalendarDate(until) && until <= from) {
      this.add(untilField, `must be later than ${fromField} (${from})`);
    }
    return this;
  }

  /** One of a known list of values. */
  oneOf<T>(field: string, value: T, allowed: readonly T[]): this {
    if (!allowed.includes(value)) this.add(field, `must be one of ${allowed.join(', ')}`);
    return this;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new ValidationFailed(this.found);
  }
}

/** Compile-time proof that a switch covered every case. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
