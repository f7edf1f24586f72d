import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { FACT_ID_PATTERN, TransferBodyDto } from '../../../legality/http/transfer-body.dto.js';

/** The body of `POST /v1/transfers`: a transfer body with the caller-chosen id (CONTRACT.md). */
export class RecordTransferRequestDto extends TransferBodyDto {
  @ApiProperty({ example: 'tsl-2024-06-01-0001', description: 'the caller-chosen transfer id; the same id again with the same body is an idempotent repeat' })
  @IsString()
  @Matches(FACT_ID_PATTERN, { message: '$property must be 1–128 letters, digits, ".", "_", "-" or ":"' })
  transferId!: string;
}
