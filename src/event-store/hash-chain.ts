import { createHash } from 'node:crypto';
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

/** Puts `segment` in front of the path of a NotJsonError thrown below it (computed only on failure). */
const below = (segment: string, error: unknown): unknown =>
  error instanceof NotJsonError ? new NotJsonError(segment + error.path, error.reason) : error;

function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError('', `must be a finite number (got ${String(value)})`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          try {
            if (value[i] === undefined) throw new NotJsonError('', 'must not be undefined in an array');
            out += (i > 0 ? ',' : '') + encode(value[i]);
          } catch (error) {
            throw below(`[${i}]`, error);
          }
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
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue; // as JSON.stringify: an undefined property is absent
        try {
          out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + encode(item);
        } catch (error) {
          throw below(keyPath(key), error);
        }
      }
      return out + '}';
    }
    default:
      throw new NotJsonError('', `must be JSON (got ${typeof value})`);
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort`) at every depth and
 * no whitespace; `undefined` properties are dropped as JSON.stringify drops them. Throws
 * {@link NotJsonError} for values JSON cannot hold exactly (NaN, Infinity, bigint, functions,
 * class instances such as Date, `undefined` array items).
 */
export function canonicalJson(value: JsonValue | JsonObject): string {
  return encode(value);
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
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
