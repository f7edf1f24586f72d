import type { MessagePort } from 'node:worker_threads';
import type { ColumnChunk } from '../common/merkle/hash-columns.js';
import type { EventIdIndexData } from './event-id.index.js';

/**
 * What the main thread and the tree's worker thread (tree-grower.worker.ts) share. The control
 * block is one SharedArrayBuffer: two counters as BigInt64 (so that no log is too long for them)
 * and four flags as Int32, all read and written with Atomics:
 * - PUBLISHED: entries the main thread has written (each entry's bytes before the count);
 * - DONE: leaves hashed into the tree, every subtree they close stored (by whichever thread held
 *   HASHING);
 * - SLEEPING: 1 while the worker waits for entries until woken (the main thread wakes it only then);
 * - STATE: running, stopping (asked by the main thread), failed (the worker stopped on an error);
 * - SIGNAL: what the worker waits on (Atomics.wait), counted up by the main thread to wake it: an
 *   entry published while it sleeps, a question, the stop;
 * - HASHING: who is hashing leaves now: NOBODY, the WORKER or the MAIN thread, taken with a
 *   compare-and-exchange. The worker takes it for the entries published when it looks (every
 *   millisecond while events come); the main thread takes it when a read needs leaves the worker
 *   has not done (a verdict's seal right after its recording), and hashes those itself rather
 *   than wait for the worker's next look. Each side, having taken it, first takes the chunks of
 *   the levels the other allocated and the leaves it counted done; it counts its own done before
 *   it gives HASHING back (and notifies DONE after, so that a reader woken by it can take
 *   HASHING at once). So DONE never goes back, and no leaf is hashed twice.
 * The worker also indexes the events' ids (their text published with the entries, for every
 * leaf, whoever hashed it) and answers the main thread's questions by id on `answers`.
 */
export const CONTROL_BYTES = 32;
export const PUBLISHED = 0;
export const DONE = 1;
export const SLEEPING = 4;
export const STATE = 5;
export const SIGNAL = 6;
export const HASHING = 7;
export const NOBODY = 0;
export const WORKER = 1;
export const MAIN = 2;
export const RUNNING = 0;
export const STOPPING = 1;
export const FAILED = 2;

export interface Control {
  readonly counts: BigInt64Array;
  readonly flags: Int32Array;
}

export const controlOf = (buffer: SharedArrayBuffer): Control => ({ counts: new BigInt64Array(buffer, 0, 2), flags: new Int32Array(buffer, 0, 8) });

/** An entry that is not 32 bytes (a chain hash that is not 64 hex digits: an event written around the ledger), sent whole. */
export interface OddEntry {
  readonly kind: 'entry';
  readonly index: number;
  readonly entry: Uint8Array;
}

/** An id that is not 36 ASCII characters, sent whole (IdTail). */
export interface OddId {
  readonly kind: 'id';
  readonly index: number;
  readonly id: string;
}

/** Which leaf holds the event with this id, among the first `size` (all published when asked); answered with a {@link Found}. */
export interface Find {
  readonly kind: 'find';
  readonly request: number;
  readonly id: string;
  readonly size: number;
}

/** The answer to the {@link Find} numbered `request`, on `answers`. */
export interface Found {
  readonly request: number;
  readonly leaf: number | undefined;
}

/**
 * From the main thread to the worker, on `fromMain`: chunks of the entries column, of the ids'
 * column, and of the levels it allocated hashing leaves itself; odd entries and ids; questions.
 */
export type ToWorker = ({ readonly kind: 'chunk' } & ColumnChunk) | ({ readonly kind: 'ids' } & ColumnChunk) | ({ readonly kind: 'level' } & ColumnChunk) | OddEntry | OddId | Find;

export interface GrowerData {
  readonly control: SharedArrayBuffer;
  /** The tree's chunks as the main thread grew them before handing over. */
  readonly levels: readonly ColumnChunk[];
  /** Leaves in the tree at the hand-over: the worker goes on from there. */
  readonly size: number;
  /** The index of the ids of the first leaves, indexed on the main thread before the hand-over. */
  readonly ids: EventIdIndexData;
  /** The ids' column (IdTail) of the leaves after those, as far as it is allocated, and the odd ids among them. */
  readonly idChunks: readonly ColumnChunk[];
  readonly oddIds: readonly (readonly [number, string])[];
  /** Where the worker answers {@link Find}s. */
  readonly answers: MessagePort;
  readonly chunkHashes: number;
  /** Chunks of the tree's levels that the worker allocates, to the main thread. */
  readonly toMain: MessagePort;
  readonly fromMain: MessagePort;
}
