import { ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { FACT_ID_PATTERN, TransferBodyDto } from '../../../legality/http/transfer-body.dto.js';

/**
 * The body of `POST /v1/transfers/{transferId}/corrections`: any of the correctable fields,
 * validated exactly as in the recording body (at least one must change the transfer: the decider).
 */
export class CorrectTransferRequestDto extends PartialType(
  PickType(TransferBodyDto, ['personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'category', 'destination'] as const),
) {
  @ApiPropertyOptional({ description: 'a caller-chosen id for the correction; repeating it with the same changes answers the first answer' })
  @IsOptional()
  @IsString()
  @Matches(FACT_ID_PATTERN, { message: '$property must be 1–128 letters, digits, ".", "_", "-" or ":"' })
  correctionId?: string;
}
