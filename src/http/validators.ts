import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { isPosition, POSITION_RULE } from '../event-store/event-store.port.js';
import { MAX_COUNT } from '../common/counts.js';
import { ID_PATTERN, ID_RULE } from '../common/ids.js';
import { labelProblem, normalisedLabel } from '../common/labels.js';
import { DATE_RULE, FIRST_DATE, INSTANT_RULE, isCalendarDate, isInstant, LAST_DATE } from '../common/time.js';

/**
 * Edge validation shared by every request body and query (docs/api.md "Errors": every problem
 * named with its field). Messages start with `$property`; the global pipe turns them into
 * `{field, reason}` problems.
 */

/** Free text in policy bodies (titles, fields, categories). */
export const MAX_TEXT = 200;
/** Lists in a body (entries, zones, thresholds, scope members). */
export const MAX_ITEMS = 1000;

const custom = (name: string, message: string | ((args: ValidationArguments) => string), validate: (value: unknown, args: ValidationArguments) => boolean): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: String(propertyName), options: { message }, validator: { validate } });

/**
 * An optional field: absent (undefined) skips its rules; anything else, `null` included, must
 * pass them (docs/api.md §1: `null` is no value of any field). class-validator's IsOptional
 * would let `null` through to the store.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A real `YYYY-MM-DD` calendar date in the ledger's range (src/common/time.ts: 2025-02-30 and 10000-01-01 are refused). */
export const IsCalendarDate = (): PropertyDecorator => custom('isCalendarDate', `$property ${DATE_RULE}`, (value) => isCalendarDate(value));

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
    ...(optional ? [Optional()] : []),
    IsString(),
    Matches(ID_PATTERN, { message: `$property must be ${ID_RULE}` }),
  );

/** An ISO 8601 instant with an explicit offset (`2025-05-16T17:30:00Z`, `…+08:00`) in the ledger's range: src/common/time.ts `isInstant`. */
export const IsInstant = (): PropertyDecorator => custom('isInstant', `$property ${INSTANT_RULE}`, (value) => isInstant(value));

/** An optional ledger position in a query or body (a decimal string up to 2^63 − 1; the port's isPosition). */
export const OptionalPosition = (description: string, example = '42'): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ example, description: `${description} (decimal string, at most 9223372036854775807)` }),
    Optional(),
    custom('isPosition', `$property ${POSITION_RULE}`, (value) => isPosition(value)),
  );

/** A count of people (src/common/counts.ts): an integer from 0 to 10^10. */
export const Count = (description: string, optional: boolean, example?: number): PropertyDecorator =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ description, minimum: 0, maximum: MAX_COUNT, default: 0, example })
      : ApiProperty({ description, minimum: 0, maximum: MAX_COUNT, example }),
    ...(optional ? [Optional()] : []),
    IsInt(),
    Min(0),
    Max(MAX_COUNT),
  );

/**
 * A label (src/common/labels.ts): normalised to NFC on the way in, then 1–`max` characters with
 * no control, zero-width or bidirectional formatting characters and no white space at either end.
 */
export const Label = (description: string, example: string, options: { readonly optional?: boolean; readonly max?: number } = {}): PropertyDecorator =>
  applyDecorators(
    doc(options.optional ?? false, description, example),
    ...(options.optional ? [Optional()] : []),
    Transform(({ value }) => normalisedLabel(value)),
    IsString(),
    MinLength(1),
    MaxLength(options.max ?? MAX_TEXT),
    custom('isLabel', (args) => `${args.property} ${labelProblem(String(args.value))}`, (value) => typeof value !== 'string' || labelProblem(value) === undefined),
  );

/** Short free text: a {@link Label} of 1–200 characters. */
export const Text = (description: string, example: string, optional = false): PropertyDecorator => Label(description, example, { optional });

/** A valid-time date (Shanghai calendar date). */
export const ValidDate = (description: string, example: string, optional = false): PropertyDecorator =>
  applyDecorators(doc(optional, `${description} (valid time, YYYY-MM-DD, Shanghai calendar, ${FIRST_DATE} to ${LAST_DATE})`, example), ...(optional ? [Optional()] : []), IsCalendarDate());

/** The exclusive end of an interval starting at `effectiveFrom`. */
export const EffectiveUntil = (description: string, example: string, optional = true): PropertyDecorator =>
  applyDecorators(ValidDate(description, example, optional), IsLaterThan('effectiveFrom'));

/** A bounded list of nested bodies, each validated. */
export const NestedList = (type: () => new () => object, description: string, minimum = 0, optional = false): PropertyDecorator =>
  applyDecorators(
    optional ? ApiPropertyOptional({ type, isArray: true, description }) : ApiProperty({ type, isArray: true, description }),
    ...(optional ? [Optional()] : []),
    IsArray(),
    ArrayMinSize(minimum),
    ArrayMaxSize(MAX_ITEMS),
    ValidateNested({ each: true }),
    Type(type),
    // A list in place of an item is no object: class-validator would check its members as items.
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item: unknown) => (Array.isArray(item) ? null : item)) : value)),
  );

/** A bounded list of ISO 3166-1 alpha-2 country codes, upper case. */
export const CountryCodes = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, isArray: true, description: `${description}: ISO 3166-1 alpha-2 codes, upper case`, example: ['DE', 'US'] }),
    Optional(),
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

/** The first problem of a list's labels, naming the item (`2 must not …`), or undefined. */
function labelsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const [i, item] of value.entries()) {
    const problem = typeof item === 'string' ? labelProblem(item) : undefined;
    if (problem) return `item ${i} ${problem}`;
  }
  return undefined;
}

/** An optional bounded list of short texts, each a {@link Label}. */
export const TextList = (description: string, example: string[]): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, isArray: true, description, example }),
    Optional(),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(normalisedLabel) : value)),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(MAX_TEXT, { each: true }),
    custom(
      'isLabel',
      (args) => `${args.property} ${labelsProblem(args.value) ?? ''}`,
      (value) => labelsProblem(value) === undefined,
    ),
  );
