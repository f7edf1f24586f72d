/**
 * Rejections the domain and the application raise; the HTTP exception filter maps them to
 * docs/api.md's error bodies (400, 404, 409). A rejected command appends nothing.
 */

/** One reason a field is bad: `{field: "effectiveUntil", reason: "must be later than effectiveFrom (2024-05-17)"}`. */
export interface Problem {
  readonly field: string;
  readonly reason: string;
}

export abstract class LedgerError extends Error {}

/** 400: the input is invalid, by itself or against the fact's current state. */
export class ValidationFailed extends LedgerError {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.field} ${p.reason}`).join('; '));
    this.name = 'ValidationFailed';
  }
  static of(field: string, reason: string): ValidationFailed {
    return new ValidationFailed([{ field, reason }]);
  }
}

/** 404: no such fact or transfer. */
export class NotFound extends LedgerError {
  constructor(readonly what: string, readonly id: string) {
    super(`${what} ${id} not found`);
    this.name = 'NotFound';
  }
}

/** 409: the id exists with other content, or the command conflicts with what is recorded. */
export class Conflict extends LedgerError {
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

/** 403: the caller's key may not do this (for example a service acting for another company). */
export class Forbidden extends LedgerError {
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}

/**
 * 409: a question needs a stored fact that cannot be read as its event type says (a malformed
 * event written before the deciders checked shapes, or by another writer). Only the questions
 * that need the fact fail, with this error naming it (docs/api.md §11); the others are answered.
 */
export class UnreadableFact extends Conflict {
  constructor(
    readonly factKind: string,
    readonly factId: string,
    readonly eventId: string,
    readonly position: bigint,
    readonly problems: readonly string[],
  ) {
    super(
      `${factKind} ${factId} cannot be read as recorded (event ${eventId} at position ${position}: ${problems.join('; ')}); ` +
        'questions that need it cannot be answered until it is corrected',
    );
    this.name = 'UnreadableFact';
  }
}
