import { ApiPropertyOptional } from '@nestjs/swagger';
import { TransferBodyDto } from '../../../http/transfer-body.dto.js';
import { IsInstant, Optional, OptionalPosition } from '../../../http/validators.js';

/** `POST /v1/legality/evaluate`: a hypothetical transfer, optionally as known at a cut (docs/api.md "Questions"). */
export class EvaluateTransferRequestDto extends TransferBodyDto {
  @ApiPropertyOptional({ example: '2025-01-01T00:00:00+08:00', description: 'answer as the ledger knew it at this instant (record time)' })
  @Optional()
  @IsInstant()
  knownAt?: string;

  @OptionalPosition('answer as the ledger knew it at this position')
  position?: string;
}
