import type { CalendarDate } from '../../common/time.js';
import { ValidDate } from '../../http/validators.js';

/** The body of repeals, lifts and revocations: the first day the fact no longer holds. */
export class EffectiveFromRequestDto {
  @ValidDate('the first day the fact no longer holds', '2026-01-01')
  effectiveFrom!: CalendarDate;
}
