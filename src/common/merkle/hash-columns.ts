import { HASH_BYTES } from './merkle-hash.js';

/** Hashes per chunk of a column: 1 MiB of memory each. */
export const CHUNK_HASHES = 1 << 15;

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
  private readonly chunks: Uint8Array[][] = [];

  constructor(
    private readonly chunkHashes = CHUNK_HASHES,
    private readonly channel?: ChunkChannel,
  ) {
    if (!Number.isSafeInteger(chunkHashes) || chunkHashes < 1) throw new RangeError(`chunkHashes must be a positive integer (got ${chunkHashes})`);
  }

  /** The hash at (level, index), a view into its chunk (valid for as long as the columns live). */
  node(level: number, index: number): Uint8Array {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.received(level, chunk);
    const offset = (index - chunk * this.chunkHashes) * HASH_BYTES;
    return bytes.subarray(offset, offset + HASH_BYTES);
  }

  /** Stores the hash at (level, index), allocating (and sending) its chunk when it is the first there. */
  store(level: number, index: number, hash: Uint8Array): void {
    const chunk = Math.floor(index / this.chunkHashes);
    const bytes = this.chunks[level]?.[chunk] ?? this.allocate(level, chunk);
    bytes.set(hash, (index - chunk * this.chunkHashes) * HASH_BYTES);
  }

  /** Copies a level's first hashes from one run of bytes (a snapshot image's column) into its chunks. */
  load(level: number, bytes: Uint8Array): void {
    const chunkBytes = this.chunkHashes * HASH_BYTES;
    for (let chunk = 0; chunk * chunkBytes < bytes.byteLength; chunk++) {
      const target = this.chunks[level]?.[chunk] ?? this.allocate(level, chunk);
      target.set(bytes.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes));
    }
  }

  /** The first `count` hashes of a level, as views of its chunks in order (for a snapshot image: the tree only appends). */
  piecesOf(level: number, count: number): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    for (let chunk = 0; chunk * this.chunkHashes < count; chunk++) {
      const hashes = Math.min(this.chunkHashes, count - chunk * this.chunkHashes);
      const bytes = this.chunks[level]?.[chunk] ?? this.received(level, chunk);
      pieces.push(bytes.subarray(0, hashes * HASH_BYTES));
    }
    return pieces;
  }

  /** Every chunk held, to give another thread's columns at its start ({@link adopt}). */
  held(): ColumnChunk[] {
    return this.chunks.flatMap((level, l) => level.flatMap((bytes, chunk) => (bytes ? [{ level: l, chunk, buffer: bytes.buffer as SharedArrayBuffer }] : [])));
  }

  /** Takes a chunk the other side allocated. */
  adopt({ level, chunk, buffer }: ColumnChunk): void {
    (this.chunks[level] ??= [])[chunk] = new Uint8Array(buffer);
  }

  /** Takes every chunk the other side has sent so far. */
  receiveAll(): void {
    for (let next = this.channel?.receive(); next; next = this.channel?.receive()) this.adopt(next);
  }

  private allocate(level: number, chunk: number): Uint8Array {
    const bytes = new Uint8Array(new SharedArrayBuffer(this.chunkHashes * HASH_BYTES));
    (this.chunks[level] ??= [])[chunk] = bytes;
    this.channel?.send({ level, chunk, buffer: bytes.buffer as SharedArrayBuffer });
    return bytes;
  }

  /** A chunk the other side allocated: sent before anything in it was published, so it is waiting now. */
  private received(level: number, chunk: number): Uint8Array {
    this.receiveAll();
    const bytes = this.chunks[level]?.[chunk];
    if (!bytes) throw new RangeError(`no hashes stored at level ${level}, chunk ${chunk}`);
    return bytes;
  }
}
