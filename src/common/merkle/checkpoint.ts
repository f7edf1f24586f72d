import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';

/**
 * A checkpoint: a signed tree head of the ledger's log (docs/api.md §9 "Sealed log"). The
 * signature is Ed25519 over the UTF-8 of the canonical JSON (sorted keys, no spaces) of the four
 * other fields, so anyone holding the ledger's public key can check it with any Ed25519 library.
 * Pure: no framework, no I/O.
 */

/** What a checkpoint states: the first `treeSize` ledger events, up to `position`, have this root. */
export interface TreeHead {
  readonly treeSize: number;
  /** Hex SHA-256 Merkle root (RFC 9162) of the first `treeSize` ledger events in log order. */
  readonly rootHash: string;
  /** The ledger position of the tree's last event (decimal; "0" for the empty tree). */
  readonly position: string;
  /** When the tree's last event was recorded (ISO 8601, UTC; the Unix epoch for the empty tree). */
  readonly timestamp: string;
}

export interface Checkpoint extends TreeHead {
  /** Base64 Ed25519 signature over {@link checkpointPayload}. */
  readonly signature: string;
}

/** The bytes signed: canonical JSON of exactly the tree head's four fields. */
export function checkpointPayload(head: TreeHead): Buffer {
  const { treeSize, rootHash, position, timestamp } = head;
  return Buffer.from(canonicalJson({ treeSize, rootHash, position, timestamp }), 'utf8');
}

/** Signs a tree head with the ledger's Ed25519 private key. Ed25519 is deterministic: the same head always gets the same signature. */
export function signTreeHead(head: TreeHead, privateKey: KeyObject): Checkpoint {
  const { treeSize, rootHash, position, timestamp } = head;
  return { treeSize, rootHash, position, timestamp, signature: sign(null, checkpointPayload(head), privateKey).toString('base64') };
}

/** Whether the checkpoint's signature verifies with this Ed25519 public key. */
export function checkpointSignatureHolds(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  const signature = Buffer.from(checkpoint.signature, 'base64');
  // Buffer.from ignores what is not base64: insist it round-trips, so a mangled value never verifies by accident.
  if (signature.toString('base64') !== checkpoint.signature) return false;
  try {
    return verify(null, checkpointPayload(checkpoint), publicKey, signature);
  } catch {
    return false; // not an Ed25519 key, or a signature of the wrong length
  }
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const DECIMAL_POSITION = /^(0|[1-9][0-9]{0,19})$/;

/**
 * A checkpoint read from a file (a saved `GET /v1/audit/checkpoint` answer): the checkpoint, or
 * every problem with its fields named. Other fields are ignored (the signature covers four).
 */
export function parseCheckpoint(value: unknown): { checkpoint?: Checkpoint; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: ['must be a JSON object {treeSize, rootHash, position, timestamp, signature}'] };
  const { treeSize, rootHash, position, timestamp, signature } = value as Record<string, unknown>;
  const problems: string[] = [];
  if (!Number.isSafeInteger(treeSize) || (treeSize as number) < 0) problems.push('treeSize must be an integer ≥ 0');
  if (typeof rootHash !== 'string' || !HEX_HASH.test(rootHash)) problems.push('rootHash must be 64 lower-case hex digits');
  if (typeof position !== 'string' || !DECIMAL_POSITION.test(position)) problems.push('position must be a ledger position (a decimal string)');
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) problems.push('timestamp must be an ISO 8601 instant');
  if (typeof signature !== 'string' || signature.length === 0) problems.push('signature must be a base64 string');
  if (problems.length > 0) return { problems };
  return { checkpoint: { treeSize, rootHash, position, timestamp, signature } as Checkpoint, problems };
}
