import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ImageReader, ImageWriter } from '../../../src/common/snapshot-image.js';
import type { EventStore } from '../../../src/event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../src/knowledge-cut/knowledge-cuts.js';
import { LedgerTree, type LedgerTreeOptions, type LoggedEvent } from '../../../src/knowledge-cut/ledger-tree.js';
import { TreeGrower } from '../../../src/knowledge-cut/tree-grower.js';
import { checkConsistency, checkInclusion, fromHexes, mth, referenceLeaf } from '../../support/rfc9162.js';

/**
 * The log's tree grown on a worker thread (src/knowledge-cut/tree-grower.ts) against RFC 9162's
 * definitions (test/support/rfc9162.ts) and against the same tree grown on this thread: small
 * chunks, so that the columns the two threads share cross many chunk boundaries, and entries
 * that are not 32 bytes (events written around the ledger), which travel whole.
 */

const CHUNK = 4;
const eventOf = (i: number): LoggedEvent => ({
  id: `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
  position: BigInt(3 * i + 1),
  recordedAt: new Date(1_700_000_000_000 + i),
  // Every 37th: a chain hash that is not 64 hex digits, as on an event written around the ledger.
  hash: i % 37 === 5 ? 'abcd' : createHash('sha256').update(`event ${i}`).digest('hex'),
});
const leafOf = (event: LoggedEvent): Buffer => referenceLeaf(Buffer.from(event.hash, 'hex'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const trees: LedgerTree[] = [];
const treeOf = (options: LedgerTreeOptions, events: readonly LoggedEvent[] = []): LedgerTree => {
  const tree = new LedgerTree({ chunkHashes: CHUNK, ...options });
  trees.push(tree);
  for (const event of events) tree.add(event);
  return tree;
};
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.close()));
});

describe('the log tree grown on a worker thread (LedgerTree, tree-grower.ts)', () => {
  const events = Array.from({ length: 300 }, (_, i) => eventOf(i));
  const leaves = events.map(leafOf);

  it('gives every root, leaf and proof that RFC 9162 defines, as the same tree grown on this thread does', () => {
    const worker = treeOf({ workerFrom: 10 }, events);
    const here = treeOf({ workerFrom: Infinity }, events);
    for (const n of [0, 1, 9, 10, 11, 16, 37, 64, 100, 255, 256, 257, 299, 300]) {
      expect(worker.rootHash(n)).toBe(hex(mth(leaves.slice(0, n))));
      expect(here.rootHash(n)).toBe(worker.rootHash(n));
    }
    for (const [m, n] of [[0, 1], [5, 300], [42, 43], [256, 257], [299, 300]]) {
      const audit = worker.inclusionProof(m, n);
      expect(audit).toEqual(here.inclusionProof(m, n));
      expect(checkInclusion(m, n, leaves[m], fromHexes(audit), mth(leaves.slice(0, n)))).toBe(true);
    }
    for (const [m, n] of [[1, 300], [10, 11], [37, 256], [255, 299]]) {
      const consistency = worker.consistencyProof(m, n);
      expect(consistency).toEqual(here.consistencyProof(m, n));
      expect(checkConsistency(m, n, mth(leaves.slice(0, m)), mth(leaves.slice(0, n)), fromHexes(consistency))).toBe(true);
    }
    expect(worker.leafHash(5)).toBe(hex(leaves[5]));
    expect(worker.sealAt(events[150].position)).toEqual({ treeSize: 151, rootHash: hex(mth(leaves.slice(0, 151))) });
  });

  it('answers a root the moment it is asked, while events keep coming (each read waits for the worker to reach its size)', () => {
    const tree = treeOf({ workerFrom: 1 });
    events.forEach((event, i) => {
      tree.add(event);
      if (i % 7 === 0) expect(tree.rootHash()).toBe(hex(mth(leaves.slice(0, i + 1))));
    });
    expect(tree.size).toBe(300);
  });

  it('hashes here the leaves a read needs before the worker took them, and the worker the others, into one tree', async () => {
    const here = jest.spyOn(TreeGrower.prototype, 'hashedHere');
    const onWorkerFailure = jest.fn<(error: Error) => void>();
    const tree = treeOf({ workerFrom: 10, onWorkerFailure });
    const grower = (): TreeGrower | undefined => (tree as unknown as { grower?: TreeGrower }).grower;
    const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    let byWorker = 0;
    for (let i = 0, turn = 0; i < events.length; turn++) {
      // Turns of one event (a recording) and turns of 39 (a catch-up), crossing chunks of 4 hashes.
      for (let n = turn % 3 === 0 ? 39 : 1; n > 0 && i < events.length; n--, i++) tree.add(events[i]);
      if (turn % 2 === 0) {
        // Read at once, as a verdict's seal is: the worker has not looked yet.
        expect(tree.rootHash(i)).toBe(hex(mth(leaves.slice(0, i))));
      } else {
        // Left to the worker, which looks every millisecond; read once it has them.
        const started = Date.now();
        while ((grower()?.done ?? i) < i && Date.now() - started < 2000) await new Promise((resolve) => setTimeout(resolve, 2));
        if ((grower()?.done ?? 0) >= i) byWorker++;
        expect(tree.rootHash(i)).toBe(hex(mth(leaves.slice(0, i))));
      }
      await nextTurn();
    }
    expect(tree.rootHash()).toBe(hex(mth(leaves)));
    expect(tree.inclusionProof(150, 300)).toEqual(treeOf({ workerFrom: Infinity }, events).inclusionProof(150, 300));
    expect(here).toHaveBeenCalled();
    expect(byWorker).toBeGreaterThan(0);
    expect(onWorkerFailure).not.toHaveBeenCalled();
    here.mockRestore();
  });

  it('stays one tree when the two threads hand the leaves back and forth as fast as turns go', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => eventOf(i));
    const onWorkerFailure = jest.fn<(error: Error) => void>();
    const tree = treeOf({ workerFrom: 10, onWorkerFailure });
    let seed = 7;
    const random = (below: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % below);
    // Its roots checked against the tree grown on this thread (itself checked against RFC 9162 above).
    const reference = treeOf({ workerFrom: Infinity }, many);
    for (let i = 0; i < many.length; ) {
      for (let n = 1 + random(12); n > 0 && i < many.length; n--, i++) tree.add(many[i]);
      // A read now and then, racing the worker's looks: the leaves it needs hashed here or waited for.
      if (random(4) === 0) expect(tree.rootHash(i)).toBe(reference.rootHash(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(tree.rootHash()).toBe(hex(mth(many.map(leafOf))));
    expect(onWorkerFailure).not.toHaveBeenCalled();
  });

  it('saves and restores as a snapshot part, and the restored tree grows on its own worker', async () => {
    const saved = treeOf({ workerFrom: 10 }, events.slice(0, 200));
    const image = new ImageWriter();
    saved.saveTo(image);
    const restored = treeOf({ workerFrom: 10 });
    restored.restoreFrom(new ImageReader(Buffer.concat(image.chunks)));
    expect(restored.size).toBe(200);
    expect(restored.rootHash()).toBe(saved.rootHash());
    for (const event of events.slice(200)) restored.add(event);
    expect(restored.rootHash()).toBe(hex(mth(leaves)));
    expect(await restored.leafOf(events[250].id)).toBe(250);
    expect(restored.positionOf(250)).toBe(events[250].position);
  });

  it('is taken over by this thread, from the last leaf the worker completed, when the worker ends', async () => {
    const onWorkerFailure = jest.fn<(error: Error) => void>();
    const tree = treeOf({ workerFrom: 10, onWorkerFailure }, events.slice(0, 100));
    expect(tree.rootHash()).toBe(hex(mth(leaves.slice(0, 100))));
    // The worker thread ends (as on a crash of that thread alone), with leaves still to hash.
    const grower = (tree as unknown as { grower: { worker: { terminate(): Promise<number> } } }).grower;
    await grower.worker.terminate();
    for (const event of events.slice(100)) tree.add(event);
    expect(tree.rootHash()).toBe(hex(mth(leaves)));
    expect(tree.rootHash(150)).toBe(hex(mth(leaves.slice(0, 150))));
    expect(onWorkerFailure).toHaveBeenCalledTimes(1);
    expect(onWorkerFailure.mock.calls[0][0].message).toMatch(/worker thread stopped/);
  });
});

describe("the events' ids, indexed on the worker thread from the hand-over on (LedgerTree.leafOf)", () => {
  // Every 41st id is not 36 ASCII characters (it travels whole); the ids are asked in upper case too.
  const idOf = (i: number): string => (i % 41 === 7 ? `an id written around the ledger #${i} ✓` : eventOf(i).id);
  const events = Array.from({ length: 300 }, (_, i) => ({ ...eventOf(i), id: idOf(i) }));
  const expectAllFound = async (tree: LedgerTree, count: number): Promise<void> => {
    const found = await Promise.all(events.slice(0, count).map((event, i) => tree.leafOf(i % 2 === 0 ? event.id : event.id.toUpperCase())));
    expect(found).toEqual(events.slice(0, count).map((_, i) => i));
  };
  const unknown = '00000000-0000-7000-8000-ffffffffffff';

  it('finds every leaf by its id, before and after the hand-over, while events keep coming in turns of a few', async () => {
    const tree = treeOf({ workerFrom: 10 });
    for (let i = 0; i < events.length; ) {
      // A few a turn: the main thread hashes these leaves itself, and the worker still indexes their ids.
      for (let n = 1 + (i % 5); n > 0 && i < events.length; n--, i++) tree.add(events[i]);
      if (i % 50 < 5) expect(await tree.leafOf(events[i - 1].id)).toBe(i - 1);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expectAllFound(tree, events.length);
    expect(await tree.leafOf(unknown)).toBeUndefined();
    expect((tree as unknown as { ids: { size: number } }).ids.size).toBe(10); // the rest were indexed on the worker
  });

  it('finds every leaf after the worker ended (this thread indexes the ids it had handed over), and after the tree was closed', async () => {
    const failed = treeOf({ workerFrom: 10, onWorkerFailure: () => undefined }, events.slice(0, 150));
    await (failed as unknown as { grower: { worker: { terminate(): Promise<number> } } }).grower.worker.terminate();
    for (const event of events.slice(150)) failed.add(event);
    await expectAllFound(failed, events.length);
    const closed = treeOf({ workerFrom: 10 }, events);
    await closed.close();
    await expectAllFound(closed, events.length);
    expect(await closed.leafOf(unknown)).toBeUndefined();
  });

  it("keeps the ids the worker had to index in a snapshot, restored onto a new worker or onto this thread", async () => {
    const saved = treeOf({ workerFrom: 10 }, events.slice(0, 200));
    const image = new ImageWriter();
    saved.saveTo(image);
    for (const workerFrom of [10, Infinity]) {
      const restored = treeOf({ workerFrom });
      restored.restoreFrom(new ImageReader(Buffer.concat(image.chunks)));
      for (const event of events.slice(200)) restored.add(event);
      await expectAllFound(restored, events.length);
    }
  });
});

describe('the knowledge cuts of a long log (KnowledgeCuts, the tree on its worker from 4,096 events on)', () => {
  it('seals each cut as RFC 9162 defines, through a snapshot, and ends its worker on shutdown', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => eventOf(i));
    const leaves = events.map(leafOf);
    const cuts = new KnowledgeCuts({} as EventStore);
    for (const event of events) cuts.advance(event);
    const worker = (cuts.tree as unknown as { grower?: unknown }).grower;
    expect(worker).toBeDefined();
    expect(cuts.sealAt(events[4999].position)).toEqual({ treeSize: 5000, rootHash: hex(mth(leaves)) });
    expect(cuts.sealAt(events[4095].position).rootHash).toBe(hex(mth(leaves.slice(0, 4096))));
    const image = new ImageWriter();
    cuts.saveTo(image);
    const restored = new KnowledgeCuts({} as EventStore);
    restored.restoreFrom(new ImageReader(Buffer.concat(image.chunks)), events[4999].position);
    expect(restored.sealAt(events[2500].position)).toEqual(cuts.sealAt(events[2500].position));
    await Promise.all([cuts.onModuleDestroy(), restored.onModuleDestroy()]);
    expect((cuts.tree as unknown as { grower?: unknown }).grower).toBeUndefined();
    // Still readable after: complete here before the worker ended.
    expect(cuts.tree.rootHash(4999)).toBe(hex(mth(leaves.slice(0, 4999))));
  });
});
