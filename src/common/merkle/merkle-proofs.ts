import { nodeHash } from './merkle-hash.js';

/**
 * Checking proofs as a verifier does (RFC 9162 §2.1.3.2 and §2.1.4.2), with nothing but hashes
 * and tree sizes: what the standalone verifier (src/verify-proof.ts) runs. Pure: no I/O.
 */

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * The root an inclusion proof leads to from leaf `leafIndex` of a tree of `treeSize` leaves, or
 * undefined when the proof has the wrong length for that position (RFC 9162 §2.1.3.2).
 */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leaf: Uint8Array, auditPath: readonly Uint8Array[]): Uint8Array | undefined {
  if (leafIndex < 0 || leafIndex >= treeSize) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of auditPath) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // The last node of its level has no right sibling: go up until it is a right child.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** Whether `auditPath` proves `leaf` is leaf `leafIndex` of the tree of `treeSize` leaves with root `rootHash`. */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Uint8Array, auditPath: readonly Uint8Array[], rootHash: Uint8Array): boolean {
  const root = rootFromInclusionProof(leafIndex, treeSize, leaf, auditPath);
  return root !== undefined && same(root, rootHash);
}

/**
 * Whether `proof` shows that the tree of `from` leaves with root `fromRoot` is a prefix of the
 * tree of `to` leaves with root `toRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and
 * equal roots; a proof from the empty tree is not defined (every tree extends it).
 */
export function verifyConsistency(from: number, to: number, fromRoot: Uint8Array, toRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (from < 1 || from > to) return false;
  if (from === to) return proof.length === 0 && same(fromRoot, toRoot);
  if (proof.length === 0) return false;
  // When the old tree is a full subtree of the new one, its root is the proof's first hash.
  const path = Number.isInteger(Math.log2(from)) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && same(fr, fromRoot) && same(sr, toRoot);
}
