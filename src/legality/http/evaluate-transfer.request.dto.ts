import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsInstant, TransferBodyDto } from './transfer-body.dto.js';

/** `POST /v1/legality/evaluate`: a hypothetical transfer, optionally as known at a cut (CONTRACT.md: Questions). */
export class EvaluateTransferRequestDto extends TransferBodyDto {
  @ApiPropertyOptional({ example: '2025-01-01T00:00:00+08:00', description: 'answer as the ledger knew it at this instant (record time)' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({ example: '42', description: 'answer as the ledger knew it at this position (decimal string)' })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,19})$/, { message: '$property must be a ledger position (a decimal integer string)' })
  position?: string;
}
