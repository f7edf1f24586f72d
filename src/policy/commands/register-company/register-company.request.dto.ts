import type { CalendarDate } from '../../../common/time.js';
import { EffectiveUntil, Id, ValidDate } from '../../../http/validators.js';

/** `POST /v1/companies/{companyId}/registrations` (docs/api.md). */
export class RegisterCompanyRequestDto {
  @Id('the zone', 'cn-shanghai-lingang')
  zoneId!: string;

  @ValidDate('the first day registered', '2018-10-17')
  effectiveFrom!: CalendarDate;

  @EffectiveUntil('the first day no longer registered; absent = open-ended', '2030-01-01')
  effectiveUntil?: CalendarDate;
}
