import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import type { CalendarDate } from '../../../common/time.js';
import { type InstrumentContent, type InstrumentScope } from '../../domain/policy.events.js';
import { INSTRUMENT_KINDS, type InstrumentKind } from '../../../common/terms.js';
import { CountryCodes, EffectiveUntil, Id, NestedList, OneOf, Text, TextList, ValidDate } from '../../../http/validators.js';

/** One category of a field in an instrument's scope. */
export class ScopeCategoryDto {
  @Text('the data field', 'icv')
  field!: string;

  @Text('the category', 'after-sales/service-records')
  category!: string;
}

/** What an instrument covers; an empty or absent list means "all" along that axis (docs/domain.md §3). */
export class InstrumentScopeDto implements InstrumentScope {
  @TextList('whole fields covered', ['icv'])
  fields?: string[];

  @NestedList(() => ScopeCategoryDto, 'single categories covered', 0, true)
  categories?: ScopeCategoryDto[];

  @CountryCodes('destinations covered')
  destinations?: string[];
}

/** `POST /v1/instruments` and `PUT /v1/instruments/{instrumentId}` (docs/api.md). */
export class GrantInstrumentRequestDto implements InstrumentContent {
  @Id('the instrument id', 'tesla-scc-2024')
  instrumentId!: string;

  @Id('the company holding it', 'tesla-shanghai')
  companyId!: string;

  @OneOf(INSTRUMENT_KINDS, 'a security-assessment approval, a standard-contract filing or a certification')
  kind!: InstrumentKind;

  @ApiProperty({ type: InstrumentScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InstrumentScopeDto)
  scope!: InstrumentScopeDto;

  @ValidDate('the first day valid', '2024-06-01')
  effectiveFrom!: CalendarDate;

  @EffectiveUntil('the first day no longer valid', '2027-06-01', false)
  effectiveUntil!: CalendarDate;
}
