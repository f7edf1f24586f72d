import { PartialType, PickType } from '@nestjs/swagger';
import { TransferBodyDto } from '../../../http/transfer-body.dto.js';
import { Id } from '../../../http/validators.js';

/**
 * The body of `POST /v1/transfers/{transferId}/corrections`: any of the correctable fields,
 * validated exactly as in the recording body (at least one must change the transfer: the decider).
 */
export class CorrectTransferRequestDto extends PartialType(
  PickType(TransferBodyDto, ['personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'category', 'destination'] as const),
) {
  @Id('a caller-chosen id for the correction; repeating it with the same changes answers the first answer', 'fix-2024-10-01', true)
  correctionId?: string;
}
