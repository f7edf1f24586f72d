import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Id, IsInstant, OptionalPosition } from '../../http/validators.js';

/** The most events one timeline page holds. */
export const MAX_TIMELINE_LIMIT = 1000;
export const DEFAULT_TIMELINE_LIMIT = 100;

/** `?fromPosition=&limit=`: a page of the log. */
export class TimelineRequestDto {
  @OptionalPosition('the first position of the page (inclusive): 0 (the default) or a `nextFromPosition`', '0')
  fromPosition?: string;

  @ApiPropertyOptional({ example: DEFAULT_TIMELINE_LIMIT, minimum: 1, maximum: MAX_TIMELINE_LIMIT, description: `events per page (default ${DEFAULT_TIMELINE_LIMIT})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(MAX_TIMELINE_LIMIT, { message: `$property must be at most ${MAX_TIMELINE_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ example: 'TransferRecorded', description: 'only events of this type' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  type?: string;

  @Id('only events of this fact’s stream (regime, designation, data list, company, instrument, transfer or report of this id)', 'lingang-gdl-2024', true)
  factId?: string;

  @Id('only events about this company (its facts, its instruments, its transfers and their corrections)', 'tesla-shanghai', true)
  companyId?: string;

  @OptionalPosition('the last position of the timeline (inclusive)', '120')
  toPosition?: string;

  @ApiPropertyOptional({ example: '2024-05-17T00:00:00+08:00', description: 'only events recorded at or after this instant (ISO 8601 with offset)' })
  @IsOptional()
  @IsInstant()
  recordedFrom?: string;

  @ApiPropertyOptional({ example: '2024-06-01T00:00:00+08:00', description: 'only events recorded at or before this instant (ISO 8601 with offset)' })
  @IsOptional()
  @IsInstant()
  recordedTo?: string;
}
