import { TransferBodyDto } from '../../../http/transfer-body.dto.js';
import { Id } from '../../../http/validators.js';

/** The body of `POST /v1/transfers`: a transfer body with the caller-chosen id (docs/api.md). */
export class RecordTransferRequestDto extends TransferBodyDto {
  @Id('the caller-chosen transfer id; the same id again with the same body is an idempotent repeat', 'tsl-2024-06-01-0001')
  transferId!: string;
}
