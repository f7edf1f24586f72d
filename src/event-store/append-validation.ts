import { ValidationFailed, type Problem } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import type { EventToAppend, ExpectedRevision, JsonObject, Revision } from './event-store.port.js';
import { canonicalJson, NotJsonError } from '../common/canonical-json.js';

/** An event checked and encoded for storage: what every adapter writes and hashes. */
export interface PreparedEvent {
  /** Lower-case UUID: ids compare case-insensitively, as EventStoreDB's do. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Canonical JSON (hash-chain.ts): stored as is and hashed without encoding again. */
  readonly dataJson: string;
  readonly metadataJson: string;
}

const EMPTY_METADATA: JsonObject = Object.freeze({}) as JsonObject;

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function encodeField(field: string, value: unknown, problems: Problem[]): string {
  if (!isPlainObject(value)) {
    problems.push({ field, reason: 'must be a JSON object' });
    return '';
  }
  try {
    return canonicalJson(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    problems.push({ field: field + error.path, reason: error.reason });
    return '';
  }
}

function checkExpectedRevision(expected: unknown, problems: Problem[]): void {
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  problems.push({ field: 'expectedRevision', reason: "must be 'any', 'no-stream', 'stream-exists' or a revision (bigint ≥ 0)" });
}

/**
 * Checks an append before anything is written and encodes its events. Every problem is named by
 * field (`events[2].type`) in one {@link ValidationFailed}; a rejected append writes nothing.
 * Rules: a non-empty stream name not starting with `$` (reserved for EventStoreDB's system
 * streams), at least one event, UUID ids unique within the append, non-empty types not starting
 * with `$` (reserved for system events), data and metadata plain JSON objects.
 */
export function prepareAppend(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): PreparedEvent[] {
  const problems: Problem[] = [];
  if (typeof stream !== 'string' || stream.length === 0) problems.push({ field: 'stream', reason: 'must be a non-empty string' });
  else if (stream.startsWith('$')) problems.push({ field: 'stream', reason: 'must not start with $ (reserved for system streams)' });
  checkExpectedRevision(expected, problems);
  if (!Array.isArray(events) || events.length === 0) {
    problems.push({ field: 'events', reason: 'must be a non-empty array' });
    throw new ValidationFailed(problems);
  }
  const prepared: PreparedEvent[] = new Array(events.length);
  const seen = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const at = `events[${i}]`;
    const id = typeof event?.id === 'string' && isUuid(event.id) ? event.id.toLowerCase() : undefined;
    if (id === undefined) problems.push({ field: `${at}.id`, reason: 'must be a UUID' });
    else if (seen.has(id)) problems.push({ field: `${at}.id`, reason: `repeats the id of an earlier event in this append (${id})` });
    else seen.add(id);
    const type = event?.type;
    if (typeof type !== 'string' || type.length === 0) problems.push({ field: `${at}.type`, reason: 'must be a non-empty string' });
    else if (type.startsWith('$')) problems.push({ field: `${at}.type`, reason: 'must not start with $ (reserved for system events)' });
    const metadata = event?.metadata ?? EMPTY_METADATA;
    const dataJson = encodeField(`${at}.data`, event?.data, problems);
    const metadataJson = encodeField(`${at}.metadata`, metadata, problems);
    prepared[i] = { id: id ?? '', type, data: event?.data, metadata, dataJson, metadataJson };
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return prepared;
}

/**
 * Whether events stored from `firstRevision` on are where an append expecting `expected` put
 * them, which is where the port looks for a repeat (event-store.port.ts): right after an exact
 * revision, at 0 for `no-stream`, anywhere in the stream for `any` and `stream-exists`.
 */
export function isWhereARepeatIs(expected: ExpectedRevision, firstRevision: Revision): boolean {
  if (expected === 'any' || expected === 'stream-exists') return true;
  return firstRevision === (expected === 'no-stream' ? 0n : expected + 1n);
}
