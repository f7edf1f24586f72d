import { GrowableArray } from '../common/growable-array.js';
import { MerkleTree } from '../common/merkle/merkle-tree.js';
import type { ImageReader, ImageWriter } from '../common/snapshot-image.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { EventIdIndex } from './event-id.index.js';

/** What the tree keeps of each event of the log. */
export type LoggedEvent = Pick<RecordedEvent, 'id' | 'position' | 'recordedAt' | 'hash'>;

/** The tree size and root of the log at a knowledge cut (what a verdict names: docs/api.md §8). */
export interface TreeSeal {
  readonly treeSize: number;
  /** Hex SHA-256 Merkle root of the first `treeSize` ledger events. */
  readonly rootHash: string;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/**
 * The log as a Merkle tree (docs/api.md §9 "Sealed log"): leaf i is event i of the log in log
 * order, its entry the 32 bytes of the event's chain hash, so the leaf index is the event's
 * ordinal among ledger events and SQLite and EventStoreDB give the same roots for the same events
 * whatever their positions. Beside the tree: each leaf's position and recordedAt (to find the
 * tree of a cut and to date a checkpoint) and the event ids (to find an event's leaf), about
 * 100 bytes per event in all. Fed in log order by {@link KnowledgeCuts.advance}.
 */
export class LedgerTree {
  private readonly tree = new MerkleTree();
  private readonly ids = new EventIdIndex();
  private readonly positions = new GrowableArray(Float64Array, 1024);
  private readonly recordedAt = new GrowableArray(Float64Array, 1024);
  private readonly entry = Buffer.alloc(32);

  /** The number of events in the tree. */
  get size(): number {
    return this.tree.size;
  }

  /** Adds the next event of the log. */
  add(event: LoggedEvent): void {
    const leaf = this.tree.size;
    // The chain hash's bytes (an event written around the ledger may have none: its leaf is then SHA-256(0x00)).
    const written = event.hash.length === 64 ? this.entry.write(event.hash, 'hex') : -1;
    this.tree.append(written === 32 ? this.entry : Buffer.from(event.hash, 'hex'));
    this.ids.add(event.id);
    this.positions.reserve(leaf + 1);
    this.recordedAt.reserve(leaf + 1);
    this.positions.array[leaf] = Number(event.position);
    this.recordedAt.array[leaf] = event.recordedAt.getTime();
  }

  /** The tree as it is now (docs/design.md "Snapshots"). */
  saveTo(image: ImageWriter): void {
    this.tree.saveTo(image);
    this.ids.saveTo(image);
    image.growable(this.positions, this.size, true);
    image.growable(this.recordedAt, this.size, true);
  }

  /** Fills a new (empty) tree from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    this.tree.restoreFrom(image);
    this.ids.restoreFrom(image);
    image.growable(this.positions);
    image.growable(this.recordedAt);
  }

  /** The number of events at or before the position: the tree size of that knowledge cut. */
  sizeAt(cut: bigint): number {
    const positions = this.positions.array;
    const at = Number(cut);
    let lo = 0;
    let hi = this.tree.size;
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

  /** The leaf index of an event, or undefined for an id not in the log. */
  leafOf(eventId: string): number | undefined {
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
    return hex(this.tree.root(size));
  }

  leafHash(leaf: number): string {
    return hex(this.tree.leafHash(leaf));
  }

  inclusionProof(leaf: number, size: number): string[] {
    return this.tree.inclusionProof(leaf, size).map(hex);
  }

  consistencyProof(from: number, to: number): string[] {
    return this.tree.consistencyProof(from, to).map(hex);
  }

  private checkLeaf(leaf: number): number {
    if (!Number.isSafeInteger(leaf) || leaf < 0 || leaf >= this.tree.size) throw new RangeError(`leaf must be an integer from 0 to ${this.tree.size - 1} (got ${leaf})`);
    return leaf;
  }
}
