import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The last event a projection applied: where its snapshot stands in the log, and how to tell it is still that log. */
export interface EventMark {
  readonly position: bigint;
  readonly eventId: string;
  /** The event's chain hash (hex). */
  readonly hash: string;
}

/** One projection's image in a snapshot. */
export interface SnapshotPartBody {
  readonly name: string;
  readonly at: EventMark;
  readonly bytes: Uint8Array;
}

/** What the file's header says of each part (its bytes follow the header in this order). */
interface PartHeader {
  readonly name: string;
  readonly position: string;
  readonly eventId: string;
  readonly hash: string;
  readonly bytes: number;
}

interface Header {
  readonly version: string;
  readonly savedAt: string;
  readonly parts: readonly PartHeader[];
}

/**
 * The snapshot file (docs/design.md "Snapshots"): `LEDGERSNAP` and a format byte, the header's
 * length (u32 LE), the header (JSON: the version, and per part its name, last event and length),
 * padded to end 8-aligned, the parts' images, and the SHA-256 of everything before it. Any change of a byte fails the
 * checksum; a file cut short has no trailer to match.
 */
const MAGIC = Buffer.from('LEDGERSNAP\u0001', 'latin1');
const DIGEST_BYTES = 32;
/** Writes are gathered into pieces of this size: one write call each, and the loop is free between them. */
const PIECE_BYTES = 4 * 1024 * 1024;

export type SnapshotReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'read'; readonly savedAt: string; readonly bytes: number; readonly parts: readonly SnapshotPartBody[] };

/**
 * Reads and checks a snapshot file: its checksum, its format, and that it was written by this
 * version of the projections' code. Its events are checked against the store by the caller.
 */
export async function readSnapshotFile(path: string, version: string): Promise<SnapshotReading> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (file.byteLength < MAGIC.byteLength + 4 + DIGEST_BYTES || !file.subarray(0, MAGIC.byteLength).equals(MAGIC)) {
    return { kind: 'invalid', reason: 'it is not a ledger snapshot of this format' };
  }
  const contentEnd = file.byteLength - DIGEST_BYTES;
  const digest = createHash('sha256').update(file.subarray(0, contentEnd)).digest();
  if (!digest.equals(file.subarray(contentEnd))) return { kind: 'invalid', reason: 'it is damaged (its checksum does not match its content)' };
  const headerLength = file.readUInt32LE(MAGIC.byteLength);
  const headerStart = MAGIC.byteLength + 4;
  let header: Header;
  try {
    header = JSON.parse(file.subarray(headerStart, headerStart + headerLength).toString('utf8')) as Header;
  } catch {
    return { kind: 'invalid', reason: 'its header is not readable' };
  }
  if (header.version !== version) return { kind: 'invalid', reason: `it was written by another version of the projections (${header.version.slice(0, 12)}, this is ${version.slice(0, 12)})` };
  const parts: SnapshotPartBody[] = [];
  let at = headerStart + headerLength;
  for (const part of header.parts) {
    if (at + part.bytes > contentEnd) return { kind: 'invalid', reason: `its part ${part.name} runs past its end` };
    parts.push({ name: part.name, at: { position: BigInt(part.position), eventId: part.eventId, hash: part.hash }, bytes: file.subarray(at, at + part.bytes) });
    at += part.bytes;
  }
  if (at !== contentEnd) return { kind: 'invalid', reason: 'its parts do not fill it' };
  return { kind: 'read', savedAt: header.savedAt, bytes: file.byteLength, parts };
}

/** A part as the writer takes it: its image as the chunks an ImageWriter collected. */
export interface SnapshotPartChunks {
  readonly name: string;
  readonly at: EventMark;
  readonly chunks: readonly Uint8Array[];
}

/**
 * Writes a snapshot atomically and owner-only: a temporary file beside it (mode 0600 from its
 * creation), written in pieces of 4 MB, each hashed and written before the next, so the event
 * loop serves requests in between; then fsync, rename over the old file, and fsync of the
 * folder, so a crash leaves either the old snapshot or the new one, never half of one.
 * Answers the number of bytes written.
 */
export async function writeSnapshotFile(path: string, version: string, parts: readonly SnapshotPartChunks[], savedAt: Date): Promise<number> {
  const header: Header = {
    version,
    savedAt: savedAt.toISOString(),
    parts: parts.map(({ name, at, chunks }) => ({
      name,
      position: at.position.toString(),
      eventId: at.eventId,
      hash: at.hash,
      bytes: chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
    })),
  };
  // Padded with spaces (JSON allows them) so that the parts start 8-aligned: their columns are then read as views.
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = Buffer.concat([json, Buffer.alloc((8 - ((MAGIC.byteLength + 4 + json.byteLength) % 8)) % 8, ' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.byteLength);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temporary, 'wx', 0o600);
  const hash = createHash('sha256');
  let written = 0;
  let piece = Buffer.allocUnsafe(PIECE_BYTES);
  let filled = 0;
  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    const bytes = piece.subarray(0, filled);
    hash.update(bytes);
    await file.write(bytes);
    written += filled;
    piece = Buffer.allocUnsafe(PIECE_BYTES); // the write may still hold the previous one
    filled = 0;
  };
  const add = async (chunk: Uint8Array): Promise<void> => {
    for (let at = 0; at < chunk.byteLength; ) {
      const take = Math.min(PIECE_BYTES - filled, chunk.byteLength - at);
      piece.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === PIECE_BYTES) await flush();
    }
  };
  try {
    for (const chunk of [MAGIC, length, headerBytes, ...parts.flatMap((part) => part.chunks)]) await add(chunk);
    await flush();
    await file.write(hash.digest());
    written += DIGEST_BYTES;
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return written;
}
