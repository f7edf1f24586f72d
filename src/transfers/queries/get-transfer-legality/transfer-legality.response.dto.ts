import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VerdictDto } from '../../../legality/http/verdict.dto.js';
import { VERDICT_ASPECTS, type VerdictAspect, type VerdictDifference } from '../../domain/verdict-comparison.js';
import type { TransferLegalityView } from './get-transfer-legality.query.js';

/** OpenAPI description of the answer; the interface it implements is the type. */
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
