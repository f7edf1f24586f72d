import { GrowableArray } from '../common/growable-array.js';
import { CHUNK_HASHES, HashColumns } from '../common/merkle/hash-columns.js';
import { writeLogEntry } from '../common/merkle/log-entry.js';
import { hexOf } from '../common/merkle/merkle-hash.js';
import { MerkleTree } from '../common/merkle/merkle-tree.js';
import { SnapshotImageError, type ImageReader, type ImageWriter } from '../common/snapshot-image.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { EventIdIndex } from './event-id.index.js';
import { IdTail } from './id-tail.js';
import { TreeGrower } from './tree-grower.js';

/** What the tree keeps of each event of the log. */
export type LoggedEvent = Pick<RecordedEvent, 'id' | 'position' | 'recordedAt' | 'hash'>;

/** The tree size and root of the log at a knowledge cut (what a verdict names: docs/api.md §8). */
export interface TreeSeal {
  readonly treeSize: number;
  /** Hex SHA-256 Merkle root of the first `treeSize` ledger events. */
  readonly rootHash: string;
}

export interface LedgerTreeOptions {
  /**
   * From this many events on, the tree is hashed on a worker thread (tree-grower.ts); below it,
   * on the caller's thread, where a small tree costs next to nothing. Default 1,024; `Infinity`:
   * never a worker.
   */
  readonly workerFrom?: number;
  /** Hashes per chunk of the tree's columns (tests use small ones to cross chunk boundaries). */
  readonly chunkHashes?: number;
  /** Told when the worker stopped on an error and this thread took the tree over. */
  readonly onWorkerFailure?: (error: Error) => void;
}

/**
 * The log as a Merkle tree (docs/api.md §9 "Sealed log"): leaf i is event i of the log in log
 * order, its entry the 32 bytes of the event's chain hash, so the leaf index is the event's
 * ordinal among ledger events and SQLite and EventStoreDB give the same roots for the same events
 * whatever their positions. Beside the tree: each leaf's position and recordedAt (to find the
 * tree of a cut and to date a checkpoint) and the event ids (to find an event's leaf: indexed
 * on the worker once there is one, their text handed over in a shared column), about 140 bytes
 * per event in all. Fed in log order by {@link KnowledgeCuts.advance}.
 */
export class LedgerTree {
  private readonly levels: HashColumns;
  /** The tree as far as it is complete here: grown on this thread, or read from what the worker grew ({@link settle}). */
  private readonly tree: MerkleTree;
  /** Growing the tree on a worker thread, once the tree has {@link LedgerTreeOptions.workerFrom} events. */
  private grower: TreeGrower | undefined;
  /** The ids of the leaves indexed on this thread: all of them without a worker; those before the hand-over with one. */
  private ids = new EventIdIndex();
  /** The ids of the leaves after those in {@link ids} (a worker indexes them; this thread, once there is none). */
  private idTail: IdTail;
  private readonly positions = new GrowableArray(Float64Array, 1024);
  private readonly recordedAt = new GrowableArray(Float64Array, 1024);
  private readonly entry = Buffer.alloc(32);
  private events = 0;
  private readonly workerFrom: number;
  private readonly chunkHashes: number;
  private closed = false;

  constructor(private readonly options: LedgerTreeOptions = {}) {
    this.workerFrom = options.workerFrom ?? 1024;
    this.chunkHashes = options.chunkHashes ?? CHUNK_HASHES;
    // Each side sends the other the chunks it allocates (those of the time before a worker go to it at its start).
    this.levels = new HashColumns(this.chunkHashes, { send: (chunk) => this.grower?.sendLevelChunk(chunk), receive: () => this.grower?.nextLevelChunk() });
    this.tree = new MerkleTree(this.levels);
    this.idTail = this.newIdTail();
  }

  /** The number of events in the tree. */
  get size(): number {
    return this.events;
  }

  /** Adds the next event of the log. */
  add(event: LoggedEvent): void {
    const leaf = this.events++;
    const grower = this.grower;
    if (!grower) {
      this.appendHere(event.hash);
      this.indexIdsHere(leaf);
      this.ids.add(event.id);
      if (this.events >= this.workerFrom && !this.closed) this.startGrower();
    } else {
      grower.addId(this.idTail, leaf, event.id); // before the leaf is published
      grower.add(leaf, event.hash);
    }
    this.positions.reserve(leaf + 1);
    this.recordedAt.reserve(leaf + 1);
    this.positions.array[leaf] = Number(event.position);
    this.recordedAt.array[leaf] = event.recordedAt.getTime();
  }

  /** The tree as it is now (docs/design.md "Snapshots"). */
  saveTo(image: ImageWriter): void {
    this.settle(this.events);
    this.tree.saveTo(image);
    this.ids.saveTo(image);
    this.idTail.saveTo(image, this.ids.size, this.events);
    image.growable(this.positions, this.size, true);
    image.growable(this.recordedAt, this.size, true);
  }

  /** Fills a new (empty) tree from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    if (this.events > 0) throw new RangeError('restore a tree before its first event');
    this.tree.restoreFrom(image);
    this.ids.restoreFrom(image);
    const tail = this.idTail.restoreFrom(image, this.ids.size);
    image.growable(this.positions);
    image.growable(this.recordedAt);
    this.events = this.tree.size;
    if (this.ids.size + tail !== this.events) throw new SnapshotImageError(`the tree's image names ${this.ids.size + tail} event ids for ${this.events} leaves`);
    if (this.events >= this.workerFrom && !this.closed) this.startGrower(); // which indexes the tail
    else this.indexIdsHere(this.events);
  }

  /** Stops the worker, if one runs (the tree stays readable: it is complete here first). */
  async close(): Promise<void> {
    this.closed = true;
    const grower = this.grower;
    if (!grower) return;
    this.settle(this.events);
    this.levels.receiveAll();
    this.grower = undefined;
    await grower.stop();
  }

  /** The number of events at or before the position: the tree size of that knowledge cut. */
  sizeAt(cut: bigint): number {
    const positions = this.positions.array;
    const at = Number(cut);
    let lo = 0;
    let hi = this.events;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The tree size and root of the cut. */
  sealAt(cut: bigint): TreeSeal {
    const treeSize = this.sizeAt(cut);
    return { treeSize, rootHash: this.rootHash(treeSize) };
  }

  /**
   * The leaf index of an event, or undefined for an id not in the log. Asynchronous: with a
   * worker, its index answers (the ids of the leaves after the hand-over are indexed there).
   */
  async leafOf(eventId: string): Promise<number | undefined> {
    const grower = this.grower;
    if (grower) {
      try {
        return await grower.find(eventId, this.events);
      } catch {
        // The worker stopped before answering (closed, or failed: then this thread takes over).
        if (this.grower === grower) this.settle(this.events);
      }
    }
    this.indexIdsHere(this.events);
    return this.ids.find(eventId);
  }

  /** The position of the event at a leaf. */
  positionOf(leaf: number): bigint {
    return BigInt(this.positions.array[this.checkLeaf(leaf)]);
  }

  /** When the event at a leaf was recorded. */
  recordedAtOf(leaf: number): Date {
    return new Date(this.recordedAt.array[this.checkLeaf(leaf)]);
  }

  rootHash(size: number = this.size): string {
    this.settle(size);
    return hexOf(this.tree.root(size));
  }

  leafHash(leaf: number): string {
    this.settle(leaf + 1);
    return hexOf(this.tree.leafHash(leaf));
  }

  inclusionProof(leaf: number, size: number): string[] {
    this.settle(size);
    return this.tree.inclusionProof(leaf, size).map(hexOf);
  }

  consistencyProof(from: number, to: number): string[] {
    this.settle(to);
    return this.tree.consistencyProof(from, to).map(hexOf);
  }

  private checkLeaf(leaf: number): number {
    if (!Number.isSafeInteger(leaf) || leaf < 0 || leaf >= this.events) throw new RangeError(`leaf must be an integer from 0 to ${this.events - 1} (got ${leaf})`);
    return leaf;
  }

  /** Hashes the event's leaf on this thread (its entry: writeLogEntry). */
  private appendHere(hash: string): void {
    this.tree.append(writeLogEntry(this.entry, 0, hash) ? this.entry : Buffer.from(hash, 'hex'));
  }

  private startGrower(): void {
    this.grower = new TreeGrower(this.levels, this.tree.size, this.chunkHashes, this.ids, this.idTail);
  }

  private newIdTail(): IdTail {
    return new IdTail(this.chunkHashes, { send: (chunk) => this.grower?.sendIdChunk(chunk), receive: () => undefined });
  }

  /**
   * Indexes here the ids of the leaves before `size` that a worker was to index (none runs now:
   * it was stopped or failed), so that {@link ids} holds every leaf before `size` again.
   */
  private indexIdsHere(size: number): void {
    if (this.ids.size >= size) return;
    for (let leaf = this.ids.size; leaf < size; leaf++) this.ids.add(this.idTail.at(leaf));
    if (this.ids.size === this.events) this.idTail = this.newIdTail(); // its chunks are no longer needed
  }

  /**
   * Makes the tree here complete up to `size` leaves (or all of them, when it has fewer: the
   * tree's own checks then refuse the size): with a worker, waits until it has hashed them.
   */
  private settle(size: number): void {
    const grower = this.grower;
    if (!grower) return;
    const wanted = Math.min(Number.isSafeInteger(size) ? size : this.events, this.events);
    if (wanted <= this.tree.size) return;
    const settled = grower.settle(wanted);
    if (!settled) return this.takeOver(grower);
    this.tree.grownTo(settled.done);
    if (!settled.claimed) return;
    // The worker has not taken these leaves yet (it looks every millisecond): hashed here, now,
    // as a verdict's seal right after its recording needs them, rather than waited for.
    try {
      this.levels.receiveAll(); // every chunk the worker allocated, before storing beside them
      for (let leaf = this.tree.size; leaf < wanted; leaf++) this.tree.append(grower.entryAt(leaf));
    } finally {
      grower.hashedHere(this.tree.size);
    }
  }

  /** The worker stopped on an error: this thread grows the tree from the last leaf it completed, and from now on. */
  private takeOver(grower: TreeGrower): void {
    this.levels.receiveAll();
    this.grower = undefined;
    this.tree.grownTo(grower.done);
    for (let leaf = this.tree.size; leaf < this.events; leaf++) this.tree.append(grower.entryAt(leaf));
    void grower.stop();
    this.options.onWorkerFailure?.(new Error(`the Merkle tree's worker thread stopped; the tree is grown on the main thread from leaf ${grower.done} on`));
  }
}
