import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailed, type Problem } from '../shared/errors.js';

/**
 * Flattens class-validator's tree into `{field, reason}` problems with dotted paths
 * (`thresholds.0.atLeast`), every constraint of every field (CONTRACT.md: Errors, "every problem
 * named").
 */
export function problemsOf(errors: readonly ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([name, message]): Problem => ({ field, reason: reasonOf(name, message, error.property) }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/** class-validator's messages start with the property name ("atLeast must be a number"): drop it, the field is named already. */
const reasonOf = (constraint: string, message: string, property: string): string => {
  if (constraint === 'whitelistValidation') return 'is not an accepted field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
};

/** The global pipe: strip nothing silently (unknown fields are errors), convert to the DTO classes. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed(problemsOf(errors)),
  });
