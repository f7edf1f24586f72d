import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { CalendarDate } from '../../../common/time.js';
import { type DataListContent } from '../../domain/policy.events.js';
import { DATA_LIST_KINDS, type DataListKind } from '../../../common/terms.js';
import { DataEntryDto } from '../data-entry.dto.js';
import { EffectiveUntil, Id, IdList, NestedList, OneOf, Optional, Text, ValidDate } from '../../../http/validators.js';

/** `POST /v1/data-lists` and `PUT /v1/data-lists/{listId}` (docs/api.md): a term by `termMonths` or `effectiveUntil`, not both. */
export class PublishDataListRequestDto implements DataListContent {
  @Id('the list id', 'lingang-gdl-2024')
  listId!: string;

  @OneOf(DATA_LIST_KINDS, '`general` (a whitelist) or `negative`')
  kind!: DataListKind;

  @Text('the title', 'Lingang general data list (pilot)')
  title!: string;

  @IdList('the zones whose registered companies the list applies to', ['cn-shanghai-lingang'], 1)
  zones!: string[];

  @ValidDate('the first day in force', '2024-05-17')
  effectiveFrom!: CalendarDate;

  @EffectiveUntil('the term end, the first day no longer in force (or give termMonths); absent with termMonths absent = open-ended', '2025-05-17')
  effectiveUntil?: CalendarDate;

  @ApiPropertyOptional({ description: 'the term in months from effectiveFrom (or give effectiveUntil)', minimum: 1, maximum: 1200, example: 12 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1200)
  termMonths?: number;

  @NestedList(() => DataEntryDto, 'the entries')
  entries!: DataEntryDto[];
}
