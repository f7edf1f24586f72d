import type { GrowableArray, TypedArray } from './growable-array.js';

/**
 * The binary image of an in-memory projection (docs/design.md "Snapshots"): a sequence of items,
 * each a 16-byte head (a one-byte tag; at 8, its byte length as a double: images may pass 4 GB)
 * and its bytes, padded to a multiple of 8, so that in an image that starts 8-aligned every
 * column is aligned for its typed array and is read as a view of the image, not copied. Columns go
 * as the raw bytes of their typed arrays (native byte order: the snapshot's version names it),
 * lists of strings as one Latin-1 (or, when a string needs more, UTF-16) text with the lengths
 * beside it, small structured parts as JSON. A reader checks every tag, so an image read by code
 * that writes another layout fails instead of filling a projection with the wrong bytes (the
 * version in the snapshot's header already refuses it; this is the second line).
 *
 * Pure: no I/O. The writer only collects byte chunks; src/snapshot/ writes them out.
 */

const TAG = { column: 1, strings: 2, json: 3, number: 4 } as const;
const HEAD_BYTES = 16;
/** Bytes after a body of `length` bytes up to the next multiple of 8. */
const paddingOf = (length: number): number => (8 - (length % 8)) % 8;
type Tag = (typeof TAG)[keyof typeof TAG];
const ENCODING = { latin1: 0, utf16le: 1 } as const;
/** Any character beyond Latin-1 (U+0100 and up) makes a text UTF-16. */
const NOT_LATIN1 = /[\u0100-\uffff]/;

export class SnapshotImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotImageError';
  }
}

export class ImageWriter {
  readonly chunks: Uint8Array[] = [];
  private bytes = 0;

  /** Number of bytes written so far. */
  get size(): number {
    return this.bytes;
  }

  /**
   * The first `length` elements of a column the projection keeps changing anywhere (rows
   * inserted, flags set, a hash table's slots): copied now, so the image is of this moment.
   */
  column(array: TypedArray, length: number): void {
    this.item(TAG.column, new Uint8Array(array.slice(0, length).buffer));
  }

  /**
   * The first `length` elements of a column the projection only appends to: a view, not a copy.
   * Appending writes beyond `length`, and a grown column is a new array, so the viewed bytes
   * stay those of this moment while the image is written out (src/snapshot/ writes it after
   * the capture, off the event loop's hot path).
   */
  appendOnly(array: TypedArray, length: number): void {
    this.item(TAG.column, new Uint8Array(array.buffer, array.byteOffset, length * array.BYTES_PER_ELEMENT));
  }

  /** A growable column's first `length` elements ({@link column} or, when `appendOnly`, {@link appendOnly}). */
  growable(column: GrowableArray<TypedArray>, length: number, appendOnly = false): void {
    if (appendOnly) this.appendOnly(column.array, length);
    else this.column(column.array, length);
  }

  /** Bytes given in pieces (views, not copied: as {@link appendOnly}), read back as one run by {@link ImageReader.pieces}. */
  pieces(parts: readonly Uint8Array[]): void {
    this.item(TAG.column, parts);
  }

  /** A list of strings: their UTF-16 lengths, then their text in one piece. */
  strings(values: readonly string[]): void {
    const lengths = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) lengths[i] = values[i].length;
    const text = values.join('');
    const encoding = NOT_LATIN1.test(text) ? ENCODING.utf16le : ENCODING.latin1;
    const body = Buffer.from(text, encoding === ENCODING.latin1 ? 'latin1' : 'utf16le');
    this.item(TAG.strings, Uint8Array.of(encoding));
    this.item(TAG.column, new Uint8Array(lengths.buffer));
    this.item(TAG.strings, body);
  }

  /** A small structured value (policy events, corrections): JSON, bigints as decimal strings. */
  json(value: unknown): void {
    this.item(TAG.json, Buffer.from(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), 'utf8'));
  }

  number(value: number): void {
    this.item(TAG.number, new Uint8Array(Float64Array.of(value).buffer));
  }

  private item(tag: Tag, body: Uint8Array | readonly Uint8Array[]): void {
    const parts = body instanceof Uint8Array ? [body] : body;
    const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
    const head = Buffer.alloc(HEAD_BYTES);
    head[0] = tag;
    head.writeDoubleLE(length, 8);
    this.chunks.push(head, ...parts);
    const padding = paddingOf(length);
    if (padding > 0) this.chunks.push(new Uint8Array(padding));
    this.bytes += head.byteLength + length + padding;
  }
}

export class ImageReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Whether every item was read (a reader that stops early read another layout). */
  get done(): boolean {
    return this.offset === this.bytes.byteLength;
  }

  /** A column as a new typed array of the given kind, with room for `capacity` elements at least. */
  column<A extends TypedArray>(create: new (length: number) => A, capacity = 0): A {
    return this.columnOf(create, capacity).array;
  }

  /** Fills a growable column (its array replaced); answers the number of elements read. */
  growable(column: GrowableArray<TypedArray>): number {
    const { array, length } = this.columnOf(column.array.constructor as new (length: number) => TypedArray, 16);
    column.array = array;
    return length;
  }

  /** What {@link ImageWriter.pieces} wrote, as one view of the image. */
  pieces(): Uint8Array {
    return this.item(TAG.column);
  }

  strings(): string[] {
    const [encoding] = this.item(TAG.strings);
    const lengths = this.column(Float64Array);
    const body = this.item(TAG.strings);
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString(encoding === ENCODING.latin1 ? 'latin1' : 'utf16le');
    const values = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      values[i] = text.slice(at, at + lengths[i]);
      at += lengths[i];
    }
    if (at !== text.length) throw new SnapshotImageError(`a list of strings holds ${text.length} characters, its lengths name ${at}`);
    return values;
  }

  json<T>(): T {
    const body = this.item(TAG.json);
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as T;
  }

  number(): number {
    const body = this.item(TAG.number);
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).readDoubleLE(0);
  }

  private columnOf<A extends TypedArray>(create: new (length: number) => A, capacity: number): { array: A; length: number } {
    const body = this.item(TAG.column);
    const width = (create as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (body.byteLength % width !== 0) throw new SnapshotImageError(`a column of ${body.byteLength} bytes is not one of ${width}-byte elements`);
    const length = body.byteLength / width;
    // Aligned (the file is read into a buffer of its own, its items 8-aligned): a view, no copy.
    // The image is this reader's alone, so the projection may write into it; a grown column is a copy.
    if (length >= capacity && body.byteOffset % width === 0) return { array: new (create as unknown as new (buffer: ArrayBufferLike, offset: number, length: number) => A)(body.buffer, body.byteOffset, length), length };
    const array = new create(Math.max(length, capacity));
    new Uint8Array(array.buffer, 0, body.byteLength).set(body);
    return { array, length };
  }

  private item(tag: Tag): Uint8Array {
    const { bytes } = this;
    if (this.offset + HEAD_BYTES > bytes.byteLength) throw new SnapshotImageError('the image ends inside an item');
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + this.offset, HEAD_BYTES);
    if (view[0] !== tag) throw new SnapshotImageError(`expected an item of kind ${tag}, found ${view[0]}`);
    const length = view.readDoubleLE(8);
    const start = this.offset + HEAD_BYTES;
    if (!Number.isSafeInteger(length) || length < 0 || start + length + paddingOf(length) > bytes.byteLength) throw new SnapshotImageError('an item runs past the end of the image');
    this.offset = start + length + paddingOf(length);
    return bytes.subarray(start, start + length);
  }
}
