import type { CalendarDate } from '../../common/time.js';
import { ValidDate } from '../../http/validators.js';

/** The body of data list extensions and terminations: the new term end (exclusive). */
export class TermChangeRequestDto {
  @ValidDate('the new term end: the first day the list is no longer in force', '2026-05-17')
  effectiveUntil!: CalendarDate;
}
