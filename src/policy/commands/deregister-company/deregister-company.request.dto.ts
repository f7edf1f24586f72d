import type { CalendarDate } from '../../../common/time.js';
import { Id, ValidDate } from '../../../http/validators.js';

/** `POST /v1/companies/{companyId}/deregistrations` (docs/api.md): ends the registration in the zone. */
export class DeregisterCompanyRequestDto {
  @Id('the zone', 'cn-shanghai-lingang')
  zoneId!: string;

  @ValidDate('the first day no longer registered', '2026-01-01')
  effectiveFrom!: CalendarDate;
}
