import { ValidationFailed } from '../common/errors.js';

/**
 * Checks of read options shared by the adapters, so that both refuse the same input with the
 * same field and reason (a 400 at the HTTP edge, never a 500 from the store).
 */

/** `maxCount`: a positive safe integer, or undefined for no limit. */
export function checkedMaxCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw ValidationFailed.of('maxCount', 'must be a positive integer');
  return maxCount;
}

/** A revision or position: a bigint ≥ 0 (the fallback when undefined). */
export function checkedBigint(field: string, value: bigint | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  if (typeof value !== 'bigint' || value < 0n) throw ValidationFailed.of(field, 'must be a bigint ≥ 0');
  return value;
}

/**
 * A read of the log from a position that holds no event and lies before the head. EventStoreDB
 * fails such a read (its positions are byte offsets, and one inside a record is no place to
 * start), so both adapters refuse it; callers holding a position from a user map it to an event
 * first (the audit timeline does).
 */
export const notAnEventPosition = (field: string): ValidationFailed =>
  ValidationFailed.of(field, 'is not the position of an event in the log (positions have gaps: start from 0 or from a position the ledger reported)');
