import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalPosition } from '../../http/validators.js';

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
}
