import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { LogTreeBuilder } from '../../../src/audit/verification/log-tree.builder.js';
import { mth, referenceLeaf } from '../../support/rfc9162.js';

/**
 * The tree verification builds on its worker thread (log-tree.worker.ts) against RFC 9162's MTH
 * (test/support/rfc9162.ts): leaves sent in several chunks, with hashes that are not 64 hex
 * digits among them (their leaf is that of the bytes they decode to, as the ledger's tree has it).
 */

const hashOf = (i: number): string => createHash('sha256').update(`event ${i}`).digest('hex');
let builder: LogTreeBuilder | undefined;
afterEach(async () => builder?.close());

describe('LogTreeBuilder (the Merkle tree on a worker thread)', () => {
  it('answers the roots RFC 9162 defines, at sizes across chunk boundaries, after every leaf added before the question', async () => {
    const hashes = Array.from({ length: 20_000 }, (_, i) => hashOf(i));
    hashes[9000] = 'not hex at all';
    hashes[12_345] = 'abcd';
    const entries = hashes.map((h) => Buffer.from(h, 'hex'));
    builder = new LogTreeBuilder();
    for (const h of hashes.slice(0, 10_000)) builder.add(h);
    const sizes = [0, 1, 2, 3, 8191, 8192, 8193, 9000, 9001, 10_000];
    const early = await builder.roots(sizes);
    for (const h of hashes.slice(10_000)) builder.add(h);
    const late = await builder.roots([12_345, 12_346, 16_384, 20_000]);
    const leaves = entries.map(referenceLeaf);
    const expected = (n: number): string => Buffer.from(mth(leaves.slice(0, n))).toString('hex');
    expect(early).toEqual(sizes.map(expected));
    expect(late).toEqual([12_345, 12_346, 16_384, 20_000].map(expected));
    expect(builder.size).toBe(20_000);
  });

  it('refuses a size beyond the leaves it has', async () => {
    builder = new LogTreeBuilder();
    builder.add(hashOf(0));
    await expect(builder.roots([2])).rejects.toThrow('no tree of size 2: 1 leaves');
  });
});
