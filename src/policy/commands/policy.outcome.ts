/** The answer to a policy command (docs/api.md "Policy commands"): the fact and the event that answers. */
export interface PolicyAnswer {
  readonly id: string;
  /** The id of the event appended, or of the original event for an idempotent repeat. */
  readonly eventId: string;
  /** The ledger position of that event (decimal string). */
  readonly position: string;
}

/** What a policy command handler answers: the answer, and whether this call appended it. */
export interface PolicyOutcome {
  readonly answer: PolicyAnswer;
  /** False for an idempotent repeat. */
  readonly appended: boolean;
}
