import { hash } from 'node:crypto';

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: a leaf is SHA-256(0x00 ‖ entry), an interior node
 * SHA-256(0x01 ‖ left ‖ right), the empty tree SHA-256 of nothing. The prefixes keep a leaf from
 * ever being taken for a node (second-preimage resistance). Pure: no framework, no I/O.
 */

/** Bytes of a SHA-256 digest: every node of the tree. */
export const HASH_BYTES = 32;

/** A hash (or any bytes) as lowercase hex, as the API and checkpoints give them; a view, whatever its offset, is read in place. */
export const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1). */
export const EMPTY_TREE_HASH: Uint8Array = hash('sha256', Buffer.alloc(0), 'buffer');

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// Scratch buffers for hashing: the tree hashes millions of leaves and nodes, one at a time.
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeInput[0] = NODE_PREFIX;
const leafInput = Buffer.alloc(1 + HASH_BYTES);
leafInput[0] = LEAF_PREFIX;

/** SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length > HASH_BYTES) return hash('sha256', Buffer.concat([leafInput.subarray(0, 1), entry]), 'buffer');
  leafInput.set(entry, 1);
  return hash('sha256', leafInput.subarray(0, 1 + entry.length), 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right); both are 32-byte hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

// A digest as a latin1 ('binary') string written into a buffer costs less than a digest Buffer allocated per
// hash (about 1 µs less per hash on Node 20): the tree's hot path hashes through these.
const digest = Buffer.alloc(HASH_BYTES);

/** SHA-256(0x00 ‖ entry) of an entry of at most 32 bytes, in a scratch buffer that the next call overwrites. */
export function leafHashScratch(entry: Uint8Array): Buffer {
  leafInput.set(entry, 1);
  digest.write(hash('sha256', leafInput.subarray(0, 1 + entry.length), 'binary'), 0, HASH_BYTES, 'latin1');
  return digest;
}

/** SHA-256(0x01 ‖ left ‖ right) in a scratch buffer that the next call overwrites (left or right may be that buffer). */
export function nodeHashScratch(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  digest.write(hash('sha256', nodeInput, 'binary'), 0, HASH_BYTES, 'latin1');
  return digest;
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
