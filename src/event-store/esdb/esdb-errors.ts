import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { ValidationFailed } from '../../common/errors.js';
import { EventStoreUnavailableError } from '../event-store.port.js';

/** How long transient failures are retried before the caller sees EventStoreUnavailableError. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 };

/** gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4), when an error reaches us unconverted. */
const TRANSIENT_GRPC_CODES = new Set([4, 14]);

/**
 * Failures that say nothing about the request itself: the node is down or restarting, the
 * connection dropped (the client reconnects on its next call), a leader change in a cluster, or
 * cluster discovery found no leader yet. Retrying them is safe because every append first checks
 * its event ids against what is stored (an append that did land answers as a repeat).
 */
export function isTransient(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof EventStoreUnavailableError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code)) return true;
  // The client's own wording when gossip finds no usable member (esdb+discover:// or a node list),
  // and the server's "not ready" (no leader yet, or a resigning one), which BatchAppend reports
  // per append in a form the 6.2.1 client cannot classify ("Could not recognize Server Is Not Ready").
  return /Failed to discover after \d+ attempts|Server Is (Not Ready|Too Busy)|No leader info available/.test(error.message);
}

/**
 * The server refused a read of $all from a position that is not the first byte of a record
 * (StorageReaderWorker's InvalidPosition): reported as an unknown result on reads and as an
 * invalid argument on subscriptions.
 */
export const isInvalidPosition = (error: unknown): boolean =>
  error instanceof Error && /ReadAllResult: InvalidPosition|read from an invalid position/.test(error.message);

/** What the ledger's user needs on the server (README, "Running on EventStoreDB"). */
const RIGHTS = 'reading $all needs $admins or $r on $all ($$$all metadata), writing needs $w on the ledger streams';

/** Access denied is no transient failure: it lasts until an operator changes the user's rights. */
export function accessDenied(what: string, error: AccessDeniedError): EventStoreUnavailableError {
  return new EventStoreUnavailableError(`EventStoreDB denied the ledger's user access (${what}): ${RIGHTS}`, { cause: error });
}

/** Capped exponential backoff with jitter (so that reconnecting instances do not stampede). */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function unavailable(what: string, error: unknown): EventStoreUnavailableError {
  if (error instanceof EventStoreUnavailableError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`EventStoreDB is unavailable (${what}): ${reason}`, { cause: error });
}

/**
 * Runs `action`, retrying transient failures with backoff up to the policy's bound; then throws
 * EventStoreUnavailableError. Other errors pass through unchanged.
 */
export async function withRetry<T>(what: string, policy: RetryPolicy, action: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (error instanceof AccessDeniedError) throw accessDenied(what, error);
      if (!isTransient(error)) throw translateRejection(error);
      if (attempt + 1 >= policy.attempts) throw unavailable(what, error);
      await sleep(backoffDelay(attempt, policy));
    }
  }
}

/** The server's own limits, reported in the port's terms (a 400 with the field, not a 500). */
function translateRejection(error: unknown): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return ValidationFailed.of('events', `exceed the EventStoreDB server's maximum append size (${error.maxAppendSize} bytes; its MaxAppendSize setting)`);
  }
  return error;
}
