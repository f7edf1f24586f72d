import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** `?knownAt=` or `?position=`: read a fact as the ledger knew it then (CONTRACT.md). The handler checks their form. */
export class KnowledgeCutRequestDto {
  @ApiPropertyOptional({ example: '2024-06-01T00:00:00+08:00', description: 'as the ledger knew it at this instant (ISO 8601 with offset)' })
  @IsOptional()
  @IsString()
  knownAt?: string;

  @ApiPropertyOptional({ example: '42', description: 'as the ledger knew it at this position (decimal)' })
  @IsOptional()
  @IsString()
  position?: string;
}
