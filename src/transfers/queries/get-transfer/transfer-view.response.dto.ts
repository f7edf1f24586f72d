import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VerdictDto } from '../../../legality/http/verdict.dto.js';
import { PURPOSES, type Purpose } from '../../../common/terms.js';
import type { TransferChanges } from '../../domain/transfer.events.js';
import type { CorrectionView, TransferView } from '../../transfer.view.js';

/** OpenAPI description of the answer; the interface it implements is the type. */
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
  @ApiProperty({ description: 'the correction event’s chain hash (hex)' }) hash!: string;
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
  @ApiProperty({ description: 'the TransferRecorded event’s chain hash (hex)' }) hash!: string;
  @ApiProperty({ example: '43', description: 'record time: the position of the TransferRecorded event' }) position!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: VerdictDto, description: 'the verdict given when it was recorded (never rewritten)' }) recordedVerdict!: VerdictDto;
  @ApiProperty({ type: [CorrectionViewDto] }) corrections!: CorrectionViewDto[];
}
