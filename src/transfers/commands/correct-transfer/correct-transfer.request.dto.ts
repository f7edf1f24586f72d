import { Count, Id } from '../../../http/validators.js';
import { Destination, ImportantData, PERSONAL_SUBJECTS, SENSITIVE_SUBJECTS, TransferCategory } from '../../../http/transfer-body.dto.js';

/**
 * The body of `POST /v1/transfers/{transferId}/corrections`: any of the correctable fields,
 * validated exactly as in the recording body (at least one must change the transfer: the
 * decider). Each is optional as "absent": `null` is refused like any other wrong value.
 */
export class CorrectTransferRequestDto {
  @Count(PERSONAL_SUBJECTS, true)
  personalInfoSubjects?: number;

  @Count(SENSITIVE_SUBJECTS, true)
  sensitivePersonalInfoSubjects?: number;

  @ImportantData()
  importantData?: boolean;

  @TransferCategory(true)
  category?: string;

  @Destination(true)
  destination?: string;

  @Id('a caller-chosen id for the correction; repeating it with the same changes answers the first answer', 'fix-2024-10-01', true)
  correctionId?: string;
}
