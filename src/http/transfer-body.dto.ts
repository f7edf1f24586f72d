import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO31661Alpha2, IsString, Matches } from 'class-validator';
import { PURPOSES, type Purpose } from '../common/terms.js';
import { Count, Id, IsInstant, Label, Optional } from './validators.js';

/**
 * The fields of a transfer as a service declares it, shared by the recording, the correction and
 * the hypothetical question (docs/api.md §6, §7), so that a value is refused or accepted the same
 * way wherever it is sent.
 */

/** `field`: a label of 1–128 characters. */
export const TransferField = (): PropertyDecorator => Label('the data field', 'icv', { max: 128 });

/** `category`: a label of 1–256 characters, matched exactly. */
export const TransferCategory = (optional = false): PropertyDecorator =>
  Label('the data category within the field (matched exactly)', 'after-sales/service-records', { max: 256, optional });

/** `destination`: an assigned ISO 3166-1 alpha-2 code, upper case. */
export const Destination = (optional = false): PropertyDecorator =>
  applyDecorators(
    optional ? ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code, upper case' }) : ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code, upper case' }),
    ...(optional ? [Optional()] : []),
    IsString(),
    Matches(/^[A-Z]{2}$/, { message: '$property must be two upper-case letters (ISO 3166-1 alpha-2)' }),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' }),
  );

/** `importantData`: the exporter's own declaration. */
export const ImportantData = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ default: false, description: 'the exporter declares the data important' }), Optional(), IsBoolean());

export const PERSONAL_SUBJECTS = 'people whose personal information the transfer carries';
export const SENSITIVE_SUBJECTS = 'people whose sensitive personal information the transfer carries';

/**
 * The body of a transfer as a service declares it, without `transferId` (docs/api.md:
 * `POST /v1/transfers` and `POST /v1/legality/evaluate`). Shared by both endpoints so that a
 * transfer is validated the same way whether it is recorded or only asked about; the recording
 * DTO extends it with `transferId`.
 */
export class TransferBodyDto {
  @Id('the exporting company', 'tesla-shanghai')
  companyId!: string;

  @TransferField()
  field!: string;

  @TransferCategory()
  category!: string;

  @Destination()
  destination!: string;

  @ApiProperty({ example: '2025-05-16T17:30:00Z', description: 'when the data left (valid time), ISO 8601 instant with an offset' })
  @IsInstant()
  occurredAt!: string;

  @Count(PERSONAL_SUBJECTS, true)
  personalInfoSubjects?: number;

  @Count(SENSITIVE_SUBJECTS, true)
  sensitivePersonalInfoSubjects?: number;

  @ImportantData()
  importantData?: boolean;

  @ApiPropertyOptional({ enum: PURPOSES, default: 'ordinary' })
  @Optional()
  @IsIn(PURPOSES as Purpose[])
  purpose?: Purpose;
}
