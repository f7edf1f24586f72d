import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** The knowledge cut of a read (CONTRACT.md): at most one of the two; LegalityService.resolveCut checks their form. */
export class TransferLegalityRequestDto {
  @ApiPropertyOptional({ example: '2024-06-01T00:00:00+08:00', description: 'answer as the ledger knew it at this instant (ISO 8601 with offset)' })
  @IsOptional()
  @IsString()
  knownAt?: string;

  @ApiPropertyOptional({ example: '42', description: 'answer as the ledger knew it at this position (decimal)' })
  @IsOptional()
  @IsString()
  position?: string;
}
