import { ApiProperty } from '@nestjs/swagger';
import { VerdictDto } from '../../../legality/http/verdict.dto.js';
import { PURPOSES, type Purpose } from '../../../common/terms.js';
import type { TransferListing, TransferListItem } from './list-transfers.query.js';

/** OpenAPI description of the answer; the interfaces it implements are the types. */
export class TransferListItemDto implements TransferListItem {
  @ApiProperty() transferId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty() field!: string;
  @ApiProperty({ description: 'as known at the cut (corrections applied)' }) category!: string;
  @ApiProperty({ description: 'as known at the cut (corrections applied)' }) destination!: string;
  @ApiProperty({ description: 'valid time, as declared' }) occurredAt!: string;
  @ApiProperty({ description: 'as known at the cut' }) personalInfoSubjects!: number;
  @ApiProperty({ description: 'as known at the cut' }) sensitivePersonalInfoSubjects!: number;
  @ApiProperty({ description: 'as known at the cut' }) importantData!: boolean;
  @ApiProperty({ enum: PURPOSES }) purpose!: Purpose;
  @ApiProperty({ example: '2024-06-01', description: 'the Shanghai date of occurredAt' }) date!: string;
  @ApiProperty({ example: '43', description: 'record time: the position of the TransferRecorded event' }) position!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: VerdictDto, description: 'the verdict as known at the cut of the listing' }) verdict!: VerdictDto;
  @ApiProperty({ type: VerdictDto, description: 'the verdict given when it was recorded' }) recordedVerdict!: VerdictDto;
  @ApiProperty({ description: 'legal, requirement, classification or satisfiedBy differ between the two' }) changed!: boolean;
}

export class TransferListingDto implements TransferListing {
  @ApiProperty({ type: [TransferListItemDto], description: 'by company id, then date, occurredAt and position' }) items!: TransferListItemDto[];
  @ApiProperty({ example: '42', description: 'the knowledge cut of every page of this listing' }) cut!: string;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page (same cut); null on the last page' }) nextCursor!: string | null;
}
