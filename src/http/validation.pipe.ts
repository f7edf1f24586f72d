import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationFailed, type Problem } from '../common/errors.js';

/**
 * Flattens class-validator's tree into `{field, reason}` problems with dotted paths
 * (`thresholds.0.atLeast`), every constraint of every field (docs/api.md: Errors, "every problem
 * named").
 */
export function problemsOf(errors: readonly ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // `null` is no value of any field (docs/api.md §1): say so once, not once per rule it breaks.
    if (error.value === null && Object.keys(constraints).length > 0 && !('nestedValidation' in constraints)) return [{ field, reason: 'must not be null' }];
    const own = Object.entries(constraints).map(([name, message]): Problem => ({ field, reason: reasonOf(name, message, error.property) }));
    // A list where an object belongs: its elements were never meant to be checked as that object.
    if ('isObject' in constraints) return own;
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/**
 * class-validator's messages repeat the property name ("atLeast must be a number", "each value in
 * zones must be a string"): the field is named already, so keep only the reason.
 */
function reasonOf(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'is not an accepted field';
  if (constraint === 'nestedValidation') return /^\d+$/.test(property) ? 'must be an object' : 'must be an object or a list of objects';
  if (message.startsWith(`${property} `)) return message.slice(property.length + 1);
  if (message.startsWith(`each value in ${property} `)) return `each value ${message.slice(`each value in ${property} `.length)}`;
  return message;
}

/**
 * The global pipe (docs/design.md: whitelist, forbid non-whitelisted, transform): unknown fields
 * are errors, not silently dropped; bodies and queries become instances of their DTO classes; a
 * failure is a {@link ValidationFailed} naming every problem. Bodies reach it already read by the
 * strict JSON edge (src/http/json-body.middleware.ts): at most 32 levels deep, so no check here
 * recurses further.
 */
export class LedgerValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new ValidationFailed(problemsOf(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON array would otherwise be checked as an object with fields "0", "1", …
    if (metadata.type === 'body' && this.toValidate(metadata) && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ValidationFailed.of('body', 'must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}
