import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PURPOSES, type Purpose } from '../../shared/terms.js';
import { VerdictDto } from '../../legality/http/verdict.dto.js';
import type { CorrectTransferAnswer } from '../commands/correct-transfer/correct-transfer.command.js';
import type { RecordTransferAnswer } from '../commands/record-transfer/record-transfer.command.js';
import type { TransferLegalityView } from '../queries/get-transfer-legality/get-transfer-legality.query.js';
import { VERDICT_ASPECTS, type VerdictAspect, type VerdictDifference } from '../domain/verdict-comparison.js';
import type { TransferChanges } from '../domain/transfer.events.js';
import type { CorrectionView, TransferView } from '../transfer.view.js';

/** OpenAPI descriptions of the transfers answers; the interfaces they implement are the types. */

export class RecordTransferAnswerDto implements RecordTransferAnswer {
  @ApiProperty({ example: 'tsl-2024-06-01-0001' }) transferId!: string;
  @ApiProperty({ example: '43', description: 'the ledger position of the TransferRecorded event' }) position!: string;
  @ApiProperty({ type: VerdictDto, description: 'the verdict given now; its position is the knowledge cut used' }) verdict!: VerdictDto;
}

export class CorrectTransferAnswerDto implements CorrectTransferAnswer {
  @ApiProperty() transferId!: string;
  @ApiProperty({ description: "the caller's correctionId, or else the event's id" }) correctionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '57', description: 'the ledger position from which the correction counts' }) position!: string;
}

export class TransferChangesDto implements TransferChanges {
  @ApiPropertyOptional() personalInfoSubjects?: number;
  @ApiPropertyOptional() sensitivePersonalInfoSubjects?: number;
  @ApiPropertyOptional() importantData?: boolean;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional() destination?: string;
}

export class CorrectionViewDto implements CorrectionView {
  @ApiProperty() correctionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '57' }) position!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: TransferChangesDto }) changes!: TransferChangesDto;
}

export class TransferViewDto implements TransferView {
  @ApiProperty() transferId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty() field!: string;
  @ApiProperty({ description: 'as now known (corrections applied)' }) category!: string;
  @ApiProperty({ description: 'as now known (corrections applied)' }) destination!: string;
  @ApiProperty({ description: 'valid time, as declared' }) occurredAt!: string;
  @ApiProperty({ description: 'as now known (corrections applied)' }) personalInfoSubjects!: number;
  @ApiProperty({ description: 'as now known (corrections applied)' }) sensitivePersonalInfoSubjects!: number;
  @ApiProperty({ description: 'as now known (corrections applied)' }) importantData!: boolean;
  @ApiProperty({ enum: PURPOSES }) purpose!: Purpose;
  @ApiProperty({ example: '2024-06-01', description: 'the Shanghai date of occurredAt (valid time)' }) date!: string;
  @ApiProperty({ format: 'uuid', description: 'the TransferRecorded event' }) eventId!: string;
  @ApiProperty({ example: '43', description: 'record time: the position of the TransferRecorded event' }) position!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: VerdictDto, description: 'the verdict given when it was recorded (never rewritten)' }) recordedVerdict!: VerdictDto;
  @ApiProperty({ type: [CorrectionViewDto] }) corrections!: CorrectionViewDto[];
}

export class VerdictDifferenceDto implements VerdictDifference {
  @ApiProperty({ enum: VERDICT_ASPECTS }) aspect!: VerdictAspect;
  @ApiProperty({ description: 'the value in the recorded verdict' }) recorded!: boolean | string | string[];
  @ApiProperty({ description: 'the value as known at the cut asked about' }) recomputed!: boolean | string | string[];
  @ApiProperty({ example: 'cumulative personalInfoSubjects 60000 → 110000' }) why!: string;
}

export class TransferLegalityDto extends VerdictDto implements TransferLegalityView {
  @ApiProperty() transferId!: string;
  @ApiProperty({ type: VerdictDto }) recordedVerdict!: VerdictDto;
  @ApiProperty({ description: 'legal, requirement, classification or satisfiedBy differ from the recorded verdict' }) changed!: boolean;
  @ApiPropertyOptional({ type: [VerdictDifferenceDto], description: 'present when changed' }) differences?: VerdictDifferenceDto[];
}
