import { HASH_BYTES } from './merkle-hash.js';

/**
 * Hashes per chunk of a column: 128 KiB of memory each. Every level of a tree allocates its first
 * chunk with its first hash, so a tree of a few thousand events holds one chunk per level (with
 * 1 MiB chunks, 17 MiB zeroed at once, and external memory that pushes the garbage collector).
 */
export const CHUNK_HASHES = 1 << 12;

/** A chunk one side of a shared column allocated, as it travels to the other side. */
export interface ColumnChunk {
  readonly level: number;
  readonly chunk: number;
  readonly buffer: SharedArrayBuffer;
}

/**
 * How the chunks of a shared column reach the other thread: `send` posts one the moment it is
 * allocated (before anything in it is published), `receive` takes the next one posted by the
 * other side, synchronously (`receiveMessageOnPort`), undefined when none is waiting.
 */
export interface ChunkChannel {
  send(chunk: ColumnChunk): void;
  receive(): ColumnChunk | undefined;
}

/**
 * The columns of 32-byte hashes a Merkle tree keeps, level by level (level k: the hashes of the
 * full subtrees of 2^k leaves, index i covering leaves [i·2^k, (i+1)·2^k)), in chunks of
 * {@link CHUNK_HASHES} hashes on SharedArrayBuffers: a column grows without ever being copied, and
 * another thread can read what one thread writes (src/knowledge-cut/ledger-tree.ts grows the log's
 * tree on a worker thread and reads it on the main one). Only the side that stores into a level
 * allocates its chunks; with a {@link ChunkChannel} it sends each new chunk across, and the other
 * side, reading a hash in a chunk it does not have yet, takes the chunks sent so far. Pure: no I/O.
 */
export class HashColumns {
  private readonly chunks: Buffer[][] = [];

  /**
   * @param entryBytes the size of an entry: a hash's 32 bytes, or another fixed size (the tree's
   *   worker hand-over keeps the event ids' text in a column of 36-byte entries).
   */
  constructor(
    private readonly chunkHashes = CHUNK_HASHES,
    private readonly channel?: ChunkChannel,
    private readonly entryBytes = HASH_BYTES,
  ) {
    if (!Number.isSafeInteger(chunkHashes) || chunkHashes < 1) throw new RangeError(`chunkHashes must be a positive integer (got ${chunkHashes})`);
  }

  /** The hash at (level, index), a view into its chunk (valid for as long as the columns live). */
  node(level: number, index: number): Uint8Array {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.received(level, chunk);
    const offset = (index - chunk * this.chunkHashes) * this.entryBytes;
    return bytes.subarray(offset, offset + this.entryBytes);
  }

  /** Stores the hash at (level, index), allocating (and sending) its chunk when it is the first there. */
  store(level: number, index: number, hash: Uint8Array): void {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.allocate(level, chunk);
    bytes.set(hash, (index - chunk * this.chunkHashes) * this.entryBytes);
  }

  /** Stores a text of exactly {@link entryBytes} one-byte characters (ASCII) at (level, index), as {@link store}. */
  storeText(level: number, index: number, text: string): void {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.allocate(level, chunk);
    bytes.write(text, (index - chunk * this.chunkHashes) * this.entryBytes, this.entryBytes, 'latin1');
  }

  /** The entry at (level, index) as the text {@link storeText} stored. */
  text(level: number, index: number): string {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.received(level, chunk);
    const offset = (index - chunk * this.chunkHashes) * this.entryBytes;
    return bytes.toString('latin1', offset, offset + this.entryBytes);
  }

  /** Copies a level's entries from `from` on from one run of bytes (a snapshot image's column) into its chunks. */
  load(level: number, bytes: Uint8Array, from = 0): void {
    for (let index = from, at = 0; at < bytes.byteLength; ) {
      const chunk = Math.floor(index / this.chunkHashes);
      const target = this.chunks[level]?.[chunk] ?? this.allocate(level, chunk);
      const offset = (index - chunk * this.chunkHashes) * this.entryBytes;
      const length = Math.min(target.byteLength - offset, bytes.byteLength - at);
      target.set(bytes.subarray(at, at + length), offset);
      at += length;
      index += length / this.entryBytes;
    }
  }

  /** A level's entries [from, count), as views of its chunks in order (for a snapshot image: the tree only appends). */
  piecesOf(level: number, count: number, from = 0): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    for (let index = from; index < count; ) {
      const chunk = Math.floor(index / this.chunkHashes);
      const bytes = this.chunks[level]?.[chunk] ?? this.received(level, chunk);
      const end = Math.min((chunk + 1) * this.chunkHashes, count);
      const offset = (index - chunk * this.chunkHashes) * this.entryBytes;
      pieces.push(bytes.subarray(offset, offset + (end - index) * this.entryBytes));
      index = end;
    }
    return pieces;
  }

  /** Every chunk held, to give another thread's columns at its start ({@link adopt}). */
  held(): ColumnChunk[] {
    return this.chunks.flatMap((level, l) => level.flatMap((bytes, chunk) => (bytes ? [{ level: l, chunk, buffer: bytes.buffer as SharedArrayBuffer }] : [])));
  }

  /** Takes a chunk the other side allocated. */
  adopt({ level, chunk, buffer }: ColumnChunk): void {
    (this.chunks[level] ??= [])[chunk] = Buffer.from(buffer);
  }

  /** Takes every chunk the other side has sent so far. */
  receiveAll(): void {
    for (let next = this.channel?.receive(); next; next = this.channel?.receive()) this.adopt(next);
  }

  private allocate(level: number, chunk: number): Buffer {
    const bytes = Buffer.from(new SharedArrayBuffer(this.chunkHashes * this.entryBytes));
    (this.chunks[level] ??= [])[chunk] = bytes;
    this.channel?.send({ level, chunk, buffer: bytes.buffer as SharedArrayBuffer });
    return bytes;
  }

  /** A chunk the other side allocated: sent before anything in it was published, so it is waiting now. */
  private received(level: number, chunk: number): Buffer {
    this.receiveAll();
    const bytes = this.chunks[level]?.[chunk];
    if (!bytes) throw new RangeError(`no hashes stored at level ${level}, chunk ${chunk}`);
    return bytes;
  }
}
