import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsNotBefore, ListingRequestDto, QueryBoolean } from '../../../http/listing.request.dto.js';
import { Id, ValidDate } from '../../../http/validators.js';
import { REQUIREMENTS, type Requirement } from '../../../common/terms.js';

/** `GET /v1/transfers?…` (docs/api.md §13): filters, the cut, and the page. */
export class ListTransfersRequestDto extends ListingRequestDto {
  @Id('only this company’s transfers (a service key: its own, the default)', 'tesla-shanghai', true)
  companyId?: string;

  @Id('only transfers of companies registered in this zone on the transfer’s date', 'cn-shanghai-lingang', true)
  zoneId?: string;

  @ValidDate('only transfers on or after this Shanghai date of occurredAt', '2024-05-17', true)
  from?: string;

  @ValidDate('only transfers on or before this Shanghai date of occurredAt (inclusive)', '2024-12-31', true)
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ example: 'icv', description: 'only this data field' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  field?: string;

  @ApiPropertyOptional({ example: 'after-sales/service-records', description: 'only this category (as corrected by the cut)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  category?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'only this destination (as corrected by the cut), ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be two upper-case letters (ISO 3166-1 alpha-2)' })
  @IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' })
  destination?: string;

  @QueryBoolean('only transfers whose verdict at the cut is legal (true) or illegal (false)')
  legal?: boolean;

  @ApiPropertyOptional({ enum: REQUIREMENTS, description: 'only transfers whose verdict at the cut has this requirement' })
  @IsOptional()
  @IsIn(REQUIREMENTS)
  requirement?: Requirement;

  @QueryBoolean('only transfers whose verdict at the cut differs (true) or not (false) from the recorded one')
  changed?: boolean;
}
