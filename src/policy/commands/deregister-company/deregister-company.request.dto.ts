import type { CalendarDate } from '../../../shared/time.js';
import { FactId, ValidDate } from '../../http/policy.validators.js';

/** `POST /v1/companies/{companyId}/deregistrations` (CONTRACT.md): ends the registration in the zone. */
export class DeregisterCompanyRequestDto {
  @FactId('the zone', 'cn-shanghai-lingang')
  zoneId!: string;

  @ValidDate('the first day no longer registered', '2026-01-01')
  effectiveFrom!: CalendarDate;
}
