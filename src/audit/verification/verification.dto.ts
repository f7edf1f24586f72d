import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainProblemKind } from '../../event-store/chain-verification.js';
import type { ChainProblemReport, IgnoredRecordingReport, VerificationReport } from './verification.report.js';

/** OpenAPI description of the first bad event (verification.report.ts is the type). */
export class ChainProblemDto implements ChainProblemReport {
  @ApiProperty({ example: 'data-list-lingang-gdl-2024' }) stream!: string;
  @ApiProperty({ example: '2', description: 'its revision in the stream (decimal)' }) revision!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '12', description: 'its ledger position (decimal)' }) position!: string;
  @ApiProperty({
    enum: ['content', 'order', 'missing'],
    description: '`content`: its hash does not recompute from its content and its predecessor (edited); `order`: revisions out of order; `missing`: revisions before it are absent (deleted)',
  })
  problem!: ChainProblemKind;
  @ApiProperty() detail!: string;
}

/** OpenAPI description of a recording ignored for a taken transfer id. */
export class IgnoredRecordingDto implements IgnoredRecordingReport {
  @ApiProperty({ example: 'tsl-2024-06-01-0001' }) transferId!: string;
  @ApiProperty({ example: 'transfers-of-other-company', description: 'the stream holding it' }) stream!: string;
  @ApiProperty({ example: '57', description: 'its ledger position (decimal)' }) position!: string;
}

/** OpenAPI description of `GET /v1/audit/verification`. */
export class VerificationDto implements VerificationReport {
  @ApiProperty({ description: 'true when every stream’s hash chain verifies' }) ok!: boolean;
  @ApiProperty({ description: 'streams seen in the log' }) streams!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({ type: String, nullable: true, example: '42', description: 'the last position checked (decimal); null for an empty log' }) headPosition!: string | null;
  @ApiPropertyOptional({ type: ChainProblemDto, description: 'the first bad event in log order, when not ok' }) firstProblem?: ChainProblemDto;
  @ApiPropertyOptional({
    type: [IgnoredRecordingDto],
    description: 'recordings of a transfer id recorded before them in the log (only two instances of a store that checks ids per stream can write them): in the log, ignored by every read; absent when none',
  })
  ignoredRecordings?: IgnoredRecordingDto[];
}
