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
