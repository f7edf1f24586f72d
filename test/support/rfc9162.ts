import { createHash } from 'node:crypto';

/**
 * An independent RFC 9162 reference for the tests, written from the RFC's definitions (§2.1.1
 * MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF/SUBPROOF) and not from the ledger's code: recursive, over a
 * plain list of leaves, O(n) and proud of it. Proofs are verified by rebuilding the roots the
 * proof implies along the same recursion, not by the bit-walking algorithm of §2.1.3.2/§2.1.4.2
 * that the ledger's own verifier uses, so the two cannot share a mistake.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

export const referenceLeaf = (entry: Uint8Array): Buffer => sha256(Buffer.from([0]), entry);
export const referenceNode = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.from([1]), left, right);
/** The leaf of a ledger event: SHA-256(0x00 ‖ the 32 bytes of its chain hash). */
export const eventLeaf = (chainHashHex: string): Buffer => referenceLeaf(Buffer.from(chainHashHex, 'hex'));

/** The largest power of two smaller than n (n > 1). */
const k = (n: number): number => {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
};

/** MTH(D[n]) over leaf hashes. */
export function mth(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return Buffer.from(leaves[0]);
  const split = k(leaves.length);
  return referenceNode(mth(leaves.slice(0, split)), mth(leaves.slice(split)));
}

/** PATH(m, D[n]). */
export function path(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const split = k(leaves.length);
  return m < split
    ? [...path(m, leaves.slice(0, split)), mth(leaves.slice(split))]
    : [...path(m - split, leaves.slice(split)), mth(leaves.slice(0, split))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function proof(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const sub = (m: number, d: readonly Uint8Array[], b: boolean): Buffer[] => {
    if (m === d.length) return b ? [] : [mth(d)];
    const split = k(d.length);
    return m <= split ? [...sub(m, d.slice(0, split), b), mth(d.slice(split))] : [...sub(m - split, d.slice(split), false), mth(d.slice(0, split))];
  };
  return sub(m, leaves, true);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * Whether `auditPath` proves `leaf` is leaf m of a tree of n leaves with root `root`: follow
 * PATH's recursion from the top; each level's last path element is the sibling subtree.
 */
export function checkInclusion(m: number, n: number, leaf: Uint8Array, auditPath: readonly Uint8Array[], root: Uint8Array): boolean {
  const rebuild = (m: number, n: number, rest: readonly Uint8Array[]): Buffer | undefined => {
    if (n === 1) return rest.length === 0 ? Buffer.from(leaf) : undefined;
    if (rest.length === 0) return undefined;
    const split = k(n);
    const sibling = rest[rest.length - 1];
    const before = rest.slice(0, -1);
    if (m < split) {
      const left = rebuild(m, split, before);
      return left && referenceNode(left, sibling);
    }
    const right = rebuild(m - split, n - split, before);
    return right && referenceNode(sibling, right);
  };
  if (m < 0 || m >= n) return false;
  const rebuilt = rebuild(m, n, auditPath);
  return rebuilt !== undefined && equal(rebuilt, root);
}

/**
 * Whether `consistency` proves the tree of m leaves with root `oldRoot` is a prefix of the tree of
 * n leaves with root `newRoot`: follow SUBPROOF's recursion, rebuilding both roots.
 */
export function checkConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, consistency: readonly Uint8Array[]): boolean {
  if (m < 1 || m > n) return false;
  if (m === n) return consistency.length === 0 && equal(oldRoot, newRoot);
  /** [old subtree root, new subtree root] of D[0:d] given SUBPROOF(m, D[d], b). */
  const rebuild = (m: number, d: number, b: boolean, rest: readonly Uint8Array[]): [Buffer, Buffer] | undefined => {
    if (m === d) {
      if (b) return rest.length === 0 ? [Buffer.from(oldRoot), Buffer.from(oldRoot)] : undefined;
      return rest.length === 1 ? [Buffer.from(rest[0]), Buffer.from(rest[0])] : undefined;
    }
    if (rest.length === 0) return undefined;
    const split = k(d);
    const last = rest[rest.length - 1];
    const before = rest.slice(0, -1);
    if (m <= split) {
      const inner = rebuild(m, split, b, before);
      return inner && [inner[0], referenceNode(inner[1], last)];
    }
    const inner = rebuild(m - split, d - split, false, before);
    return inner && [referenceNode(last, inner[0]), referenceNode(last, inner[1])];
  };
  const roots = rebuild(m, n, true, consistency);
  return roots !== undefined && equal(roots[0], oldRoot) && equal(roots[1], newRoot);
}

/** The hex of a list of hashes, as the ledger answers them. */
export const hexes = (hashes: readonly Uint8Array[]): string[] => hashes.map((h) => Buffer.from(h).toString('hex'));
export const fromHexes = (hashes: readonly string[]): Buffer[] => hashes.map((h) => Buffer.from(h, 'hex'));
