import { hash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.js';
import type { JsonObject, Revision } from './event-store.port.js';


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
