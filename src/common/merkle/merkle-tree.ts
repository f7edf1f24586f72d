import type { ImageReader, ImageWriter } from '../snapshot-image.js';
import { HashColumns } from './hash-columns.js';
import { EMPTY_TREE_HASH, HASH_BYTES, leafHash, leafHashScratch, nodeHash, nodeHashScratch, splitPoint } from './merkle-hash.js';

/**
 * An append-only Merkle tree with RFC 9162 hashing (merkle-hash.ts), kept incrementally: it
 * stores the hash of every full subtree, level by level (level 0: the leaves; level k: subtrees
 * of 2^k leaves starting at a multiple of 2^k), about 2 × 32 bytes per leaf. Appending hashes
 * the leaf and the subtrees it completes (one node on average). A root at any tree size, an
 * inclusion proof (RFC 9162 §2.1.3.1) and a consistency proof (§2.1.4.1) each combine O(log n)
 * stored hashes: every range RFC 9162's recursion names is either a stored full subtree or the
 * right edge of the tree, which is split again at most log n times.
 *
 * The hashes live in {@link HashColumns}, which another thread may share: one tree there appends
 * while another here reads, told how far the columns are complete ({@link grownTo}).
 *
 * Pure: no framework, no I/O. Leaf i holds whatever bytes the caller appends as entry i.
 */
export class MerkleTree {
  private leaves = 0;

  constructor(private readonly columns = new HashColumns()) {}

  /** The number of leaves. */
  get size(): number {
    return this.leaves;
  }

  /** Appends entry `size` (its leaf is SHA-256(0x00 ‖ entry)). */
  append(entry: Uint8Array): void {
    this.appendLeafHash(entry.length > HASH_BYTES ? leafHash(entry) : leafHashScratch(entry));
  }

  /** Appends a leaf by its hash (32 bytes), e.g. when rebuilding from stored leaf hashes. */
  appendLeafHash(leaf: Uint8Array): void {
    let index = this.leaves;
    this.store(0, index, leaf);
    // A leaf at an odd index completes its parent; a parent at an odd index completes its own.
    // Each node is hashed into a scratch buffer and copied into its column at once.
    let level = 0;
    let node = leaf;
    while (index % 2 === 1) {
      node = nodeHashScratch(this.node(level, index - 1), node);
      index = (index - 1) / 2;
      level++;
      this.store(level, index, node);
    }
    this.leaves++;
  }

  /**
   * The columns, appended to by another tree sharing them, now hold the first `size` leaves
   * complete (every subtree they close stored): this tree reads up to there.
   */
  grownTo(size: number): void {
    if (!Number.isSafeInteger(size) || size < this.leaves) throw new RangeError(`a tree only grows: ${size} leaves after ${this.leaves}`);
    this.leaves = size;
  }

  /** Every stored subtree hash as it is now (docs/design.md "Snapshots"): the levels are only appended to. */
  saveTo(image: ImageWriter): void {
    // Level k holds floor(n / 2^k) subtrees: a level for every k with at least one.
    const levels = this.leaves === 0 ? 0 : Math.floor(Math.log2(this.leaves)) + 1;
    image.number(this.leaves);
    image.number(levels);
    for (let level = 0; level < levels; level++) image.pieces(this.columns.piecesOf(level, Math.floor(this.leaves / 2 ** level)));
  }

  /** Fills a new (empty) tree from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    if (this.leaves > 0) throw new RangeError('restore a tree before its first leaf');
    const leaves = image.number();
    const levels = image.number();
    for (let level = 0; level < levels; level++) {
      const column = image.pieces();
      if (column.byteLength !== Math.floor(leaves / 2 ** level) * HASH_BYTES) throw new RangeError(`level ${level} of a tree of ${leaves} leaves holds ${column.byteLength} bytes`);
      this.columns.load(level, column);
    }
    this.leaves = leaves;
  }

  /** The hash of leaf `index` (0 ≤ index < size). */
  leafHash(index: number): Uint8Array {
    this.checkIndex('index', index, this.leaves);
    return this.node(0, index);
  }

  /** MTH of the first `size` leaves (default: all of them); the empty tree's hash for 0. */
  root(size: number = this.leaves): Uint8Array {
    this.checkSize('size', size);
    return size === 0 ? EMPTY_TREE_HASH : this.subtree(0, size);
  }

  /**
   * PATH(index, D[size]) (RFC 9162 §2.1.3.1): the sibling hashes from the leaf up to the root of
   * the tree of the first `size` leaves, leaf side first.
   */
  inclusionProof(index: number, size: number = this.leaves): Uint8Array[] {
    this.checkSize('size', size);
    this.checkIndex('index', index, size);
    const path: Uint8Array[] = [];
    // Walk down from the root, noting each sibling; the proof lists them bottom-up.
    let start = 0;
    let n = size;
    let m = index;
    while (n > 1) {
      const k = splitPoint(n);
      if (m < k) {
        path.push(this.subtree(start + k, n - k));
        n = k;
      } else {
        path.push(this.subtree(start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    return path.reverse();
  }

  /**
   * PROOF(from, D[to]) (RFC 9162 §2.1.4.1): the hashes that show the tree of the first `from`
   * leaves is a prefix of the tree of the first `to`. Empty when from = to; 0 < from ≤ to.
   */
  consistencyProof(from: number, to: number = this.leaves): Uint8Array[] {
    this.checkSize('to', to);
    if (!Number.isSafeInteger(from) || from < 1 || from > to) throw new RangeError(`from must be an integer from 1 to ${to} (got ${from})`);
    const proof: Uint8Array[] = [];
    // SUBPROOF(m, D[start:start+n], complete), unrolled: each step notes one hash.
    let start = 0;
    let n = to;
    let m = from;
    let complete = true; // "b" in RFC 9162: the old tree's root is this very subtree
    while (m < n) {
      const k = splitPoint(n);
      if (m <= k) {
        proof.push(this.subtree(start + k, n - k));
        n = k;
      } else {
        proof.push(this.subtree(start, k));
        start += k;
        m -= k;
        n -= k;
        complete = false;
      }
    }
    if (!complete) proof.push(this.subtree(start, n));
    return proof.reverse();
  }

  /** MTH(D[start:start+n]) for a range RFC 9162's recursion produces (n ≥ 1). */
  private subtree(start: number, n: number): Uint8Array {
    // A full, aligned subtree is stored; otherwise split as RFC 9162 does. Only the right edge
    // of the tree is ever not full, so this loops at most log n times.
    const level = Math.log2(n);
    if (Number.isInteger(level) && start % n === 0) return this.node(level, start / n);
    const k = splitPoint(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  private node(level: number, index: number): Uint8Array {
    return this.columns.node(level, index);
  }

  private store(level: number, index: number, hash: Uint8Array): void {
    this.columns.store(level, index, hash);
  }

  private checkSize(name: string, size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.leaves) {
      throw new RangeError(`${name} must be an integer from 0 to the tree size ${this.leaves} (got ${size})`);
    }
  }

  private checkIndex(name: string, index: number, size: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`${name} must be an integer from 0 to ${size - 1} (got ${index})`);
  }
}
