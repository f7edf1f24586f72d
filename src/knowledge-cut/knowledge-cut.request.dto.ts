import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { CutQuery } from './knowledge-cuts.js';

/**
 * `?knownAt=` or `?position=`: answer as the ledger knew it then (docs/api.md "Knowledge cuts").
 * Only their type is checked here; {@link KnowledgeCuts.resolve} checks their form, so every
 * read names a bad cut the same way.
 */
export class KnowledgeCutRequestDto implements CutQuery {
  @ApiPropertyOptional({ example: '2024-06-01T00:00:00+08:00', description: 'as the ledger knew it at this instant (ISO 8601 with offset)' })
  @IsOptional()
  @IsString()
  knownAt?: string;

  @ApiPropertyOptional({ example: '42', description: 'as the ledger knew it at this position (decimal)' })
  @IsOptional()
  @IsString()
  position?: string;
}
