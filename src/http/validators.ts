import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { POSITION_PATTERN } from '../event-store/event-store.port.js';
import { ID_PATTERN, ID_RULE } from '../common/ids.js';
import { isCalendarDate, isInstant } from '../common/time.js';

/**
 * Edge validation shared by every request body and query (docs/api.md "Errors": every problem
 * named with its field). Messages start with `$property`; the global pipe turns them into
 * `{field, reason}` problems.
 */

/** Free text (titles, fields, categories). */
export const MAX_TEXT = 200;
/** Lists in a body (entries, zones, thresholds, scope members). */
export const MAX_ITEMS = 1000;

const custom = (name: string, message: string, validate: (value: unknown, args: ValidationArguments) => boolean): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: String(propertyName), options: { message }, validator: { validate } });

/** A real `YYYY-MM-DD` calendar date (src/common/time.ts: 2025-02-30 is refused). */
export const IsCalendarDate = (): PropertyDecorator => custom('isCalendarDate', '$property must be a calendar date YYYY-MM-DD', (value) => isCalendarDate(value));

/** A half-open interval's end: strictly later than the named start (checked when both are dates). */
export const IsLaterThan = (startField: string): PropertyDecorator =>
  custom('isLaterThan', `$property must be later than ${startField}`, (value, args) => {
    const start = (args.object as Record<string, unknown>)[startField];
    return !isCalendarDate(value) || !isCalendarDate(start) || value > start;
  });

/** A property doc with an example, required or optional. */
const doc = (optional: boolean, description: string, example?: unknown) =>
  optional ? ApiPropertyOptional({ description, example }) : ApiProperty({ description, example });

/** An id of a fact, company, zone or transfer (the one id grammar, src/common/ids.ts). */
export const Id = (description: string, example: string, optional = false): PropertyDecorator =>
  applyDecorators(
    doc(optional, `${description}: ${ID_RULE}`, example),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(ID_PATTERN, { message: `$property must be ${ID_RULE}` }),
  );

/** An ISO 8601 instant with an explicit offset (`2025-05-16T17:30:00Z`, `…+08:00`): src/common/time.ts `isInstant`. */
export const IsInstant = (): PropertyDecorator =>
  custom('isInstant', '$property must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00)', (value) => isInstant(value));

/** An optional ledger position in a query or body (a decimal string; the port's POSITION_PATTERN). */
export const OptionalPosition = (description: string, example = '42'): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ example, description: `${description} (decimal string)` }),
    IsOptional(),
    Matches(POSITION_PATTERN, { message: '$property must be a ledger position (a decimal integer)' }),
  );

/** Short free text: 1–200 characters. */
export const Text = (description: string, example: string, optional = false): PropertyDecorator =>
  applyDecorators(doc(optional, description, example), ...(optional ? [IsOptional()] : []), IsString(), MinLength(1), MaxLength(MAX_TEXT));

/** A valid-time date (Shanghai calendar date). */
export const ValidDate = (description: string, example: string, optional = false): PropertyDecorator =>
  applyDecorators(doc(optional, `${description} (valid time, YYYY-MM-DD, Shanghai calendar)`, example), ...(optional ? [IsOptional()] : []), IsCalendarDate());

/** The exclusive end of an interval starting at `effectiveFrom`. */
export const EffectiveUntil = (description: string, example: string, optional = true): PropertyDecorator =>
  applyDecorators(ValidDate(description, example, optional), IsLaterThan('effectiveFrom'));

/** A bounded list of nested bodies, each validated. */
export const NestedList = (type: () => new () => object, description: string, minimum = 0, optional = false): PropertyDecorator =>
  applyDecorators(
    optional ? ApiPropertyOptional({ type, isArray: true, description }) : ApiProperty({ type, isArray: true, description }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMinSize(minimum),
    ArrayMaxSize(MAX_ITEMS),
    ValidateNested({ each: true }),
    Type(type),
  );

/** A bounded list of ISO 3166-1 alpha-2 country codes, upper case. */
export const CountryCodes = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, isArray: true, description: `${description}: ISO 3166-1 alpha-2 codes, upper case`, example: ['DE', 'US'] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    Matches(/^[A-Z]{2}$/, { each: true, message: '$property must hold two upper-case letters each (ISO 3166-1 alpha-2)' }),
    IsISO31661Alpha2({ each: true, message: '$property must hold assigned ISO 3166-1 alpha-2 country codes' }),
  );

/** One of a known list of values (the lists of policy.events.ts). */
export const OneOf = <T extends string>(values: readonly T[], description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ enum: values, description }), IsIn(values as T[]));

/** A bounded list of distinct values, each one of a known list. */
export const OneOfEach = <T extends string>(values: readonly T[], description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ enum: values, isArray: true, description }),
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(values.length),
    IsIn(values as T[], { each: true }),
  );

/** A bounded list of distinct ids. */
export const IdList = (description: string, example: string[], minimum = 0): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, isArray: true, description, example }),
    IsArray(),
    ArrayMinSize(minimum),
    ArrayMaxSize(MAX_ITEMS),
    ArrayUnique(),
    Matches(ID_PATTERN, { each: true, message: `$property must hold ids of ${ID_RULE}` }),
  );

/** An optional bounded list of short texts. */
export const TextList = (description: string, example: string[]): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, isArray: true, description, example }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(MAX_TEXT, { each: true }),
  );
