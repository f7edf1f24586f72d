import { GrowableArray } from '../common/growable-array.js';
import type { ImageReader, ImageWriter } from '../common/snapshot-image.js';

const ID_BYTES = 16;
/** Table slots hold leaf index + 1; 0 is an empty slot. */
const EMPTY = 0;

/** An index's content as plain arrays, copied: to hand it to another thread ({@link EventIdIndex.data}). */
export interface EventIdIndexData {
  readonly count: number;
  readonly ids: Uint8Array;
  readonly slots: Int32Array;
  readonly others: readonly (readonly [string, number])[];
}

/**
 * Event id → leaf index (the event's ordinal in the log) for every event, compactly: each id's
 * 16 bytes in one column, in log order, and an open-addressing table of leaf indexes at most half
 * full, about 16 + 8 bytes per event (a Map of id strings costs about 85). An id that is not a
 * UUID (an event written around the ledger on EventStoreDB) goes to a small Map instead.
 */
export class EventIdIndex {
  private readonly ids = new GrowableArray(Uint8Array, 1024 * ID_BYTES);
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(2048);
  private count = 0;
  private readonly others = new Map<string, number>();
  private readonly probe = Buffer.alloc(ID_BYTES);

  /** An index holding what {@link data} gave. */
  static from(data: EventIdIndexData): EventIdIndex {
    const index = new EventIdIndex();
    index.count = data.count;
    index.ids.reserve(data.ids.length);
    index.ids.array.set(data.ids);
    index.slots = data.slots;
    for (const [id, leaf] of data.others) index.others.set(id, leaf);
    return index;
  }

  /** The number of ids added: the leaf index of the next one. */
  get size(): number {
    return this.count;
  }

  /** What the index holds, copied (for another thread: {@link from}). */
  data(): EventIdIndexData {
    return { count: this.count, ids: this.ids.array.slice(0, this.count * ID_BYTES), slots: this.slots.slice(), others: [...this.others] };
  }

  /** Adds the id of the next leaf (leaf index = the number of ids added before it). */
  add(id: string): void {
    const leaf = this.count++;
    this.ids.reserve(this.count * ID_BYTES);
    const bytes = this.bytesOf(id);
    if (bytes === undefined) {
      this.others.set(id.toLowerCase(), leaf);
      return;
    }
    this.ids.array.set(bytes, leaf * ID_BYTES);
    if (this.count * 2 > this.slots.length) this.grow();
    this.place(leaf);
  }

  /** The leaf index of the event with this id (case-insensitive, as event ids compare), or undefined. */
  find(id: string): number | undefined {
    const wanted = this.bytesOf(id);
    if (wanted === undefined) return this.others.get(id.toLowerCase());
    const mask = this.slots.length - 1;
    for (let slot = hashOf(wanted, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === EMPTY) return undefined;
      if (this.idAt(entry - 1).equals(wanted)) return entry - 1;
    }
  }

  /** The index as it is now (docs/design.md "Snapshots"): the ids as a view (only appended to), the table copied. */
  saveTo(image: ImageWriter): void {
    image.number(this.count);
    image.growable(this.ids, this.count * ID_BYTES, true);
    image.column(this.slots, this.slots.length);
    image.json([...this.others]);
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    this.count = image.number();
    image.growable(this.ids);
    this.slots = image.column(Int32Array);
    for (const [id, leaf] of image.json<[string, number][]>()) this.others.set(id, leaf);
  }

  /**
   * The 16 bytes of a UUID (either case), in the shared probe buffer (valid until the next call),
   * or undefined for an id that is not a UUID. One pass over the characters: every event of the
   * log comes through here, and a pattern test and a hex decode of the joined groups cost more.
   */
  private bytesOf(id: string): Buffer | undefined {
    if (id.length !== 36) return undefined;
    const probe = this.probe;
    for (let i = 0, byte = 0; i < 36; ) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (id.charCodeAt(i) !== DASH) return undefined;
        i++;
        continue;
      }
      const high = hexDigit(id.charCodeAt(i));
      const low = hexDigit(id.charCodeAt(i + 1));
      if (high < 0 || low < 0) return undefined;
      probe[byte++] = (high << 4) | low;
      i += 2;
    }
    return probe;
  }

  private idAt(leaf: number): Buffer {
    const { array } = this.ids;
    return Buffer.from(array.buffer, array.byteOffset + leaf * ID_BYTES, ID_BYTES);
  }

  private place(leaf: number): void {
    const mask = this.slots.length - 1;
    let slot = hashOf(this.ids.array, leaf * ID_BYTES) & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = leaf + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (const entry of old) if (entry !== EMPTY) this.place(entry - 1);
  }
}

const DASH = 0x2d;

/** The value of a hex digit's character code (either case), or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** A 32-bit mix of the id's four words: UUID v7 ids begin with a timestamp, so every word counts. */
function hashOf(bytes: Uint8Array, offset: number): number {
  let h = 0x811c9dc5;
  for (let i = offset; i < offset + ID_BYTES; i += 4) {
    const word = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h = Math.imul(h ^ word, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}
