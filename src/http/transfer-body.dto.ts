import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PURPOSES, type Purpose } from '../common/terms.js';
import { Id, IsInstant } from './validators.js';

/**
 * The body of a transfer as a service declares it, without `transferId` (docs/api.md:
 * `POST /v1/transfers` and `POST /v1/legality/evaluate`). Shared by both endpoints so that a
 * transfer is validated the same way whether it is recorded or only asked about; the recording
 * DTO extends it with `transferId`.
 */
export class TransferBodyDto {
  @Id('the exporting company', 'tesla-shanghai')
  companyId!: string;

  @ApiProperty({ example: 'icv', description: 'the data field' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  field!: string;

  @ApiProperty({ example: 'after-sales/service-records', description: 'the data category within the field (matched exactly)' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  category!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code, upper case' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be two upper-case letters (ISO 3166-1 alpha-2)' })
  @IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' })
  destination!: string;

  @ApiProperty({ example: '2025-05-16T17:30:00Z', description: 'when the data left (valid time), ISO 8601 instant with an offset' })
  @IsInstant()
  occurredAt!: string;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'people whose personal information the transfer carries' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  personalInfoSubjects?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'people whose sensitive personal information the transfer carries' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sensitivePersonalInfoSubjects?: number;

  @ApiPropertyOptional({ default: false, description: 'the exporter declares the data important' })
  @IsOptional()
  @IsBoolean()
  importantData?: boolean;

  @ApiPropertyOptional({ enum: PURPOSES, default: 'ordinary' })
  @IsOptional()
  @IsIn(PURPOSES as Purpose[])
  purpose?: Purpose;
}
