import { Query } from '@nestjs/cqrs';

/** What the health check found: the store answers (and its head), or not. */
export interface Health {
  readonly status: 'ok' | 'unavailable';
  readonly store: 'sqlite' | 'eventstoredb';
  /** The head of the log (decimal string); null when the log is empty. Only when the store answers. */
  readonly position?: string | null;
  /** In fixed words when the store is unavailable (its own error text goes to the log only). */
  readonly message?: string;
}

/** Does the event store answer? (`GET /health`). */
export class CheckHealthQuery extends Query<Health> {}
