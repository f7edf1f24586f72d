import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { KnowledgeCutRequestDto } from '../knowledge-cut/knowledge-cut.request.dto.js';
import { isCalendarDate } from '../common/time.js';

/** The most items one page of a listing holds (docs/api.md §13). */
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 100;

/**
 * `?knownAt=|position=&limit=&cursor=`: one page of a listing as known at a cut (docs/api.md §13).
 * The cut is checked by KnowledgeCuts, the cursor by the listing that issued it.
 */
export class ListingRequestDto extends KnowledgeCutRequestDto {
  @ApiPropertyOptional({ example: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: MAX_PAGE_LIMIT, description: `items per page (default ${DEFAULT_PAGE_LIMIT})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(MAX_PAGE_LIMIT, { message: `$property must be at most ${MAX_PAGE_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page: the next page, on the cut of the first one' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  cursor?: string;
}

/** An optional `true`/`false` query parameter (anything else is a 400 naming it). */
export const QueryBoolean = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: '$property must be true or false' }),
  );

/** The end of an inclusive date range: not before the named start (checked when both are dates). */
export const IsNotBefore = (startField: string): PropertyDecorator => (target: object, propertyName: string | symbol) =>
  registerDecorator({
    name: 'isNotBefore',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: `$property must not be before ${startField}` },
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const start = (args.object as Record<string, unknown>)[startField];
        return !isCalendarDate(value) || !isCalendarDate(start) || value >= start;
      },
    },
  });
