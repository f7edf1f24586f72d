import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { HashColumns } from '../../../src/common/merkle/hash-columns.js';
import { MerkleTree } from '../../../src/common/merkle/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../../../src/common/merkle/merkle-proofs.js';
import { checkConsistency, checkInclusion, hexes, mth, path, proof, referenceLeaf } from '../../support/rfc9162.js';

/**
 * The incremental tree against RFC 9162's definitions (test/support/rfc9162.ts, written from the
 * RFC, not from src/), and the ledger's own proof checker (src/common/merkle/merkle-proofs.ts,
 * which the standalone verifier runs) against the reference checker.
 */

const entries = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest());
const treeOf = (items: readonly Uint8Array[]): MerkleTree => {
  const tree = new MerkleTree();
  for (const item of items) tree.append(item);
  return tree;
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('MerkleTree', () => {
  it('gives the roots of the RFC 6962/9162 test vectors (the certificate transparency reference leaves)', () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
    const tree = treeOf(leaves);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => hex(tree.root(n)))).toEqual([
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ]);
  });

  it('has at every size the root MTH defines, while growing one leaf at a time', () => {
    const items = entries(130);
    const leaves = items.map(referenceLeaf);
    const tree = new MerkleTree();
    for (let n = 0; n <= items.length; n++) {
      expect(hex(tree.root())).toBe(hex(mth(leaves.slice(0, n))));
      if (n < items.length) tree.append(items[n]);
    }
    // And the root of any earlier size, asked after the tree grew past it.
    for (const n of [0, 1, 2, 3, 31, 32, 33, 64, 100, 129, 130]) expect(hex(tree.root(n))).toBe(hex(mth(leaves.slice(0, n))));
    expect(hex(tree.leafHash(77))).toBe(hex(leaves[77]));
  });

  it('keeps the same hashes in columns of small chunks (every level crossing chunk boundaries)', () => {
    const items = entries(70);
    const leaves = items.map(referenceLeaf);
    const tree = new MerkleTree(new HashColumns(3));
    for (const item of items) tree.append(item);
    for (const n of [1, 3, 4, 7, 8, 9, 33, 64, 69, 70]) expect(hex(tree.root(n))).toBe(hex(mth(leaves.slice(0, n))));
    expect(hexes(tree.inclusionProof(50, 70))).toEqual(hexes(path(50, leaves)));
  });

  it('answers PATH(m, D[n]) for every leaf of every tree size up to 40, and each checks against the root', () => {
    const items = entries(40);
    const leaves = items.map(referenceLeaf);
    const tree = treeOf(items);
    for (let n = 1; n <= 40; n++) {
      const root = mth(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const audit = tree.inclusionProof(m, n);
        expect(hexes(audit)).toEqual(hexes(path(m, leaves.slice(0, n))));
        expect(checkInclusion(m, n, leaves[m], audit, root)).toBe(true);
        expect(verifyInclusion(m, n, leaves[m], audit, root)).toBe(true);
      }
    }
  });

  it('answers PROOF(m, D[n]) for every pair 1 ≤ m ≤ n ≤ 40, and each checks against both roots', () => {
    const items = entries(40);
    const leaves = items.map(referenceLeaf);
    const tree = treeOf(items);
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const consistency = tree.consistencyProof(m, n);
        expect(hexes(consistency)).toEqual(hexes(proof(m, leaves.slice(0, n))));
        const [older, newer] = [mth(leaves.slice(0, m)), mth(leaves.slice(0, n))];
        expect(checkConsistency(m, n, older, newer, consistency)).toBe(true);
        expect(verifyConsistency(m, n, older, newer, consistency)).toBe(true);
      }
    }
  });

  it('refuses sizes and indexes outside the tree', () => {
    const tree = treeOf(entries(5));
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 6)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 3)).toThrow(RangeError);
    expect(() => tree.leafHash(-1)).toThrow(RangeError);
  });
});

describe('the ledger’s proof checker (what verify-proof runs) agrees with the reference on bad proofs', () => {
  const items = entries(37);
  const leaves = items.map(referenceLeaf);
  const tree = treeOf(items);
  const flip = (hashes: readonly Uint8Array[], at: number): Buffer[] =>
    hashes.map((h, i) => {
      const copy = Buffer.from(h);
      if (i === at) copy[7] ^= 0x01;
      return copy;
    });

  it('inclusion: a changed hash, another leaf, another index, a shorter or longer path all fail both checkers', () => {
    const n = 37;
    const root = mth(leaves);
    for (const m of [0, 5, 16, 31, 32, 36]) {
      const audit = tree.inclusionProof(m, n);
      const wrong: [number, number, Uint8Array, readonly Uint8Array[]][] = [
        ...audit.map((_, i): [number, number, Uint8Array, readonly Uint8Array[]] => [m, n, leaves[m], flip(audit, i)]),
        [m, n, leaves[(m + 1) % n], audit],
        [(m + 1) % n, n, leaves[m], audit],
        [m, n, leaves[m], audit.slice(1)],
        [m, n, leaves[m], [...audit, randomBytes(32)]],
      ];
      for (const [index, size, leaf, candidate] of wrong) {
        expect(checkInclusion(index, size, leaf, candidate, root)).toBe(false);
        expect(verifyInclusion(index, size, leaf, candidate, root)).toBe(false);
      }
    }
  });

  it('consistency: a changed hash, another old root, a dropped hash or other sizes all fail both checkers; equal sizes need an empty proof', () => {
    const n = 37;
    const newer = mth(leaves);
    for (const m of [1, 2, 7, 8, 16, 21, 32, 36]) {
      const older = mth(leaves.slice(0, m));
      const consistency = tree.consistencyProof(m, n);
      const wrong: [number, number, Uint8Array, Uint8Array, readonly Uint8Array[]][] = [
        ...consistency.map((_, i): [number, number, Uint8Array, Uint8Array, readonly Uint8Array[]] => [m, n, older, newer, flip(consistency, i)]),
        [m, n, mth(leaves.slice(0, m - 1)), newer, consistency],
        [m, n, older, mth(leaves.slice(0, n - 1)), consistency],
        [m, n, older, newer, consistency.slice(0, -1)],
        [m + 1, n, older, newer, consistency],
      ];
      for (const [from, to, a, b, candidate] of wrong) {
        expect(checkConsistency(from, to, a, b, candidate)).toBe(false);
        expect(verifyConsistency(from, to, a, b, candidate)).toBe(false);
      }
    }
    expect(verifyConsistency(n, n, newer, newer, [])).toBe(true);
    expect(verifyConsistency(n, n, newer, mth(leaves.slice(0, 3)), [])).toBe(false);
    expect(verifyConsistency(0, n, mth([]), newer, [])).toBe(false);
  });
});
