import { HashColumns, type ChunkChannel } from '../common/merkle/hash-columns.js';
import { SnapshotImageError, type ImageReader, type ImageWriter } from '../common/snapshot-image.js';

/** A UUID's text: the id of every event the ledger writes. */
export const ID_TEXT_BYTES = 36;
const NO_TEXT = new Uint8Array(ID_TEXT_BYTES);

/**
 * The event ids of the tree's leaves from some leaf on, as they were added, for the worker thread
 * that indexes them (tree-grower.worker.ts) and for the main thread should it take the index over:
 * the text of an id of 36 ASCII characters (every id the ledger writes) in a shared column of
 * 36-byte entries, so that adding one costs the main thread a copy of its characters; any other
 * id (an event written around the ledger on EventStoreDB) kept here whole (the caller also sends
 * it to the worker).
 */
export class IdTail {
  readonly column: HashColumns;
  readonly odd = new Map<number, string>();

  constructor(chunkHashes: number, channel: ChunkChannel) {
    this.column = new HashColumns(chunkHashes, channel, ID_TEXT_BYTES);
  }

  /** Keeps the id of leaf `index`; answers true when it is kept whole (not in the column). */
  add(index: number, id: string): boolean {
    if (id.length === ID_TEXT_BYTES && Buffer.byteLength(id, 'utf8') === ID_TEXT_BYTES) {
      this.column.storeText(0, index, id);
      return false;
    }
    this.column.store(0, index, NO_TEXT); // the column has every leaf of the tail (a snapshot writes it as one run)
    this.odd.set(index, id);
    return true;
  }

  /** The id of leaf `index`, as added. */
  at(index: number): string {
    return this.odd.get(index) ?? this.column.text(0, index);
  }

  /** The ids of leaves [from, to) (docs/design.md "Snapshots"): the column only appends, so as views. */
  saveTo(image: ImageWriter, from: number, to: number): void {
    image.number(to - from);
    image.pieces(this.column.piecesOf(0, to, from));
    image.json([...this.odd].filter(([leaf]) => leaf >= from && leaf < to));
  }

  /** Fills a new (empty) tail from {@link saveTo}'s image, the ids of leaves from `from` on; answers how many. */
  restoreFrom(image: ImageReader, from: number): number {
    const count = image.number();
    const text = image.pieces();
    if (text.byteLength !== count * ID_TEXT_BYTES) throw new SnapshotImageError(`the ids of ${count} leaves are ${text.byteLength} bytes, not ${count * ID_TEXT_BYTES}`);
    this.column.load(0, text, from);
    for (const [leaf, id] of image.json<[number, string][]>()) this.odd.set(leaf, id);
    return count;
  }
}
