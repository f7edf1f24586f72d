import { hash } from 'node:crypto';
import type { JsonObject, JsonValue, Revision } from './event-store.port.js';

/**
 * Per-stream hash chains. Every recorded event carries
 * `hash = hex SHA-256(canonical JSON of {stream, revision, type, data, metadata, previousHash})`
 * where `previousHash` is the hash of the stream's previous revision (or {@link GENESIS_HASH} for
 * revision 0). Editing, reordering or removing an event inside a stream breaks the chain at that
 * event, and checking needs no global lock: each stream is chained on its own, so several writer
 * processes never contend on one chain head.
 *
 * Both adapters (SQLite, EventStoreDB) hash through this module, so the same events verify the
 * same way on either. Pure: no clock, no I/O, no store.
 */

/** What revision 0 of every stream chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Exactly the fields the hash covers. */
export interface HashedEventContent {
  readonly stream: string;
  readonly revision: Revision;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** The hash of the stream's previous revision, or GENESIS_HASH for revision 0. */
  readonly previousHash: string;
}

/** A value that cannot be stored as JSON; `path` names where it sits (`data.items[2].count`). */
export class NotJsonError extends TypeError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'NotJsonError';
  }
}

const keyPath = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** `"key":`, quoted once per distinct key: events of one type repeat the same keys. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    if (quotedKeys.size >= 10_000) quotedKeys.clear(); // bounded: keys may be data too
    quoted = JSON.stringify(key) + ':';
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** The hot path of canonicalJson: throws a NotJsonError without a path, which {@link explain} then finds. */
function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError('', `must be a finite number (got ${String(value)})`);
      return String(value); // what JSON.stringify writes for a finite number
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) throw new NotJsonError('', 'must not be undefined in an array');
          out += (i > 0 ? ',' : '') + encode(value[i]);
        }
        return out + ']';
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new NotJsonError('', `must be plain JSON (got ${(value as object).constructor?.name ?? 'an object'})`);
      }
      // Sorted keys at every depth: the same content always encodes to the same bytes, whatever
      // order the writer built the object in or a store hands it back in.
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue; // as JSON.stringify: an undefined property is absent
        out += (first ? '' : ',') + quotedKey(key) + encode(item);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new NotJsonError('', `must be JSON (got ${typeof value})`);
  }
}

/** Walks a value that failed to encode again, keeping track of where it is, to name the bad spot. */
function explain(value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    encode(value);
    return;
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`[${i}]`, item])
    : Object.entries(value as object).map(([key, item]) => [keyPath(key), item]);
  for (const [segment, item] of entries) {
    try {
      if (Array.isArray(value) && item === undefined) throw new NotJsonError('', 'must not be undefined in an array');
      if (item !== undefined) explain(item);
    } catch (error) {
      throw error instanceof NotJsonError ? new NotJsonError(segment + error.path, error.reason) : error;
    }
  }
  encode(value); // the container itself (a class instance, say)
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort`) at every depth and
 * no whitespace; `undefined` properties are dropped as JSON.stringify drops them. Throws
 * {@link NotJsonError} for values JSON cannot hold exactly (NaN, Infinity, bigint, functions,
 * class instances such as Date, `undefined` array items), with the path to the first one.
 */
export function canonicalJson(value: JsonValue | JsonObject): string {
  try {
    return encode(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    explain(value);
    throw error;
  }
}

/**
 * The hash from already canonical JSON of data and metadata: the adapters store that JSON, so
 * they hash it without encoding twice. Equal to {@link computeEventHash} by construction: the
 * keys below are the hashed fields in sorted order.
 */
export function hashCanonicalEvent(
  stream: string,
  revision: Revision,
  type: string,
  dataJson: string,
  metadataJson: string,
  previousHash: string,
): string {
  const text =
    `{"data":${dataJson},"metadata":${metadataJson},"previousHash":${JSON.stringify(previousHash)},` +
    `"revision":"${revision.toString(10)}","stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)}}`;
  return hash('sha256', text, 'hex');
}

/** Hex SHA-256 over the canonical JSON of exactly the fields of {@link HashedEventContent}, revision as a decimal string. */
export function computeEventHash(content: HashedEventContent): string {
  return hashCanonicalEvent(
    content.stream,
    content.revision,
    content.type,
    canonicalJson(content.data),
    canonicalJson(content.metadata),
    content.previousHash,
  );
}
