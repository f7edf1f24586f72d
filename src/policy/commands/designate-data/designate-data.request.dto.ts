import type { CalendarDate } from '../../../common/time.js';
import { type DesignationContent } from '../../domain/policy.events.js';
import { CLASSIFICATIONS, type Classification } from '../../../common/terms.js';
import { EffectiveUntil, Id, OneOf, Text, ValidDate } from '../../../http/validators.js';

/** `POST /v1/designations` and `PUT /v1/designations/{designationId}` (docs/api.md). */
export class DesignateDataRequestDto implements DesignationContent {
  @Id('the designation id', 'cn-auto-road-data')
  designationId!: string;

  @Text('the data field', 'icv')
  field!: string;

  @Text('one category of the field; absent = the whole field', 'road/exterior-video', true)
  category?: string;

  @OneOf(CLASSIFICATIONS, 'how the data is classified')
  classification!: Classification;

  @ValidDate('the first day in force', '2021-10-01')
  effectiveFrom!: CalendarDate;

  @EffectiveUntil('the first day no longer in force; absent = open-ended', '2030-01-01')
  effectiveUntil?: CalendarDate;
}
