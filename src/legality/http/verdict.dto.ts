import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { REQUIREMENTS, type Requirement } from '../../common/terms.js';
import { type BasisCitation, type Verdict, type VerdictCount, VERDICT_NOTES, type VerdictNote, type VerdictSeal } from '../domain/verdict.js';

/** OpenAPI description of a verdict (src/legality/domain/verdict.ts is the type). */
export class BasisCitationDto implements BasisCitation {
  @ApiProperty({ example: 'lingang-gdl-2024' }) factId!: string;
  @ApiProperty({ description: 'the event that gave the fact the content that mattered' }) eventId!: string;
  @ApiProperty({ example: '12', description: 'ledger position of that event' }) position!: string;
  @ApiProperty({ example: 'entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative' }) effect!: string;
}

const CUMULATIVE: ApiPropertyOptions = {
  oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[1-9][0-9]*$' }],
  description: 'an integer; beyond 2^53 − 1 a decimal string, so that it stays exact',
};

/** The cumulative counts a verdict used (this transfer included). */
export class CumulativeCountsDto {
  @ApiProperty(CUMULATIVE) personalInfoSubjects!: VerdictCount;
  @ApiProperty(CUMULATIVE) sensitivePersonalInfoSubjects!: VerdictCount;
}

/** The tree of the verdict's cut (docs/api.md §8, §9 "Sealed log"). */
export class VerdictSealDto implements VerdictSeal {
  @ApiProperty({ example: 42, description: 'the number of ledger events at or before the cut' }) treeSize!: number;
  @ApiProperty({ example: 'a3f1…', description: 'hex SHA-256 Merkle root (RFC 9162) of those events: GET /v1/audit/checkpoint?position=<cut> signs it' }) rootHash!: string;
}

/** A verdict as docs/api.md shapes it. */
export class VerdictDto implements Verdict {
  @ApiProperty() legal!: boolean;
  @ApiProperty({ enum: REQUIREMENTS }) requirement!: Requirement;
  @ApiProperty({ enum: ['general', 'important', 'core'] }) classification!: 'general' | 'important' | 'core';
  @ApiProperty({ example: '2024-05-17', description: 'the Shanghai date of the transfer (valid time)' }) date!: string;
  @ApiProperty({ example: '42', description: 'the knowledge cut (ledger position)' }) position!: string;
  @ApiProperty({ type: [String] }) satisfiedBy!: string[];
  @ApiProperty({ type: CumulativeCountsDto }) cumulative!: CumulativeCountsDto;
  @ApiProperty({ type: [BasisCitationDto] }) basis!: BasisCitationDto[];
  @ApiProperty({
    enum: VERDICT_NOTES,
    isArray: true,
    description:
      'what the ledger did not know, empty when nothing: no-regime-in-force (the regime thresholds were to be checked and no regime held the date as known at the cut), no-policy-known (nothing of policy was recorded at or before the cut). A verdict recorded before notes existed reads as empty.',
  })
  notes!: VerdictNote[];
  @ApiProperty() explanation!: string;
  @ApiPropertyOptional({ type: VerdictSealDto, description: 'the tree size and Merkle root of the log at the cut; absent from verdicts recorded before the ledger sealed its log' })
  seal?: VerdictSealDto;
}
