import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { CalendarDate } from '../../../common/time.js';
import { ValidDate } from '../../../http/validators.js';

/** `POST /v1/companies/{companyId}/ciio` (docs/api.md): designate or lift CIIO status from a date. */
export class SetCompanyCiioRequestDto {
  @ApiProperty({ description: 'true: a critical information infrastructure operator from effectiveFrom; false: no longer one' })
  @IsBoolean()
  ciio!: boolean;

  @ValidDate('the first day of the new status', '2025-01-01')
  effectiveFrom!: CalendarDate;
}
