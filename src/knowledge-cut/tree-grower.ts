import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { HashColumns, type ColumnChunk } from '../common/merkle/hash-columns.js';
import { writeLogEntry } from '../common/merkle/log-entry.js';
import { startWorker } from '../common/start-worker.js';
import type { EventIdIndex } from './event-id.index.js';
import type { IdTail } from './id-tail.js';
import { CONTROL_BYTES, controlOf, DONE, FAILED, HASHING, MAIN, NOBODY, PUBLISHED, SIGNAL, SLEEPING, STATE, STOPPING, type Control, type Found, type GrowerData, type ToWorker } from './tree-grower.messages.js';

/** How long a reader waits for the worker to reach a tree size before the read fails (the worker is normally microseconds behind). */
const SETTLE_TIMEOUT_MS = 30_000;
/** How long each wait sleeps before it looks at the worker's state again. */
const WAIT_SLICE_MS = 100;
const ENTRY_BYTES = 32;

/**
 * The main thread's side of the log's Merkle tree grown on a worker thread (tree-grower.worker.ts),
 * so that hashing it (a leaf and on average one node per event, ~3.5 µs) is not paid by the read
 * model's thread. {@link add} costs that thread a 32-byte copy and an atomic count; a reader first
 * {@link settle}s to the tree size it needs: the worker has usually reached it, and when it has
 * not taken those leaves yet the reader hashes them itself (a verdict's seal, the moment after
 * its recording). The levels are shared chunks (HashColumns): whichever side stores into a
 * new chunk allocates it and sends it across, and the other takes it before it reads or stores there.
 */
export class TreeGrower {
  private readonly worker: Worker;
  private readonly control: Control;
  private readonly buffer = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly fromMain: MessagePort;
  private readonly toMain: MessagePort;
  private readonly answers: MessagePort;
  private readonly finds = new Map<number, { resolve: (leaf: number | undefined) => void; reject: (error: Error) => void }>();
  private requests = 0;
  private readonly entries: HashColumns;
  /** Entries sent whole (not 32 bytes), kept to take over with. */
  private readonly odd = new Map<number, Uint8Array>();
  private readonly scratch = Buffer.alloc(ENTRY_BYTES);
  private published: number;
  private ended: Error | undefined;
  private stopping = false;

  /**
   * Starts the worker on a tree of `size` leaves held in `levels`' chunks (grown on this thread so
   * far), and on the ids of those leaves: `ids` indexes the first of them (copied to the worker),
   * `idTail` holds the others' and those of the leaves to come ({@link addId}).
   */
  constructor(levels: HashColumns, size: number, chunkHashes: number, ids: EventIdIndex, idTail: IdTail) {
    this.control = controlOf(this.buffer);
    Atomics.store(this.control.counts, PUBLISHED, BigInt(size));
    Atomics.store(this.control.counts, DONE, BigInt(size));
    this.published = size;
    const toWorker = new MessageChannel();
    const fromWorker = new MessageChannel();
    this.fromMain = toWorker.port1;
    this.toMain = fromWorker.port2;
    this.entries = new HashColumns(chunkHashes, { send: (chunk) => this.post({ kind: 'chunk', ...chunk }), receive: () => undefined });
    const answers = new MessageChannel();
    this.answers = answers.port2;
    this.answers.on('message', (found: Found) => this.answered(found));
    this.answers.unref(); // referenced only while a question waits (find)
    const data: GrowerData = {
      control: this.buffer,
      levels: levels.held(),
      size,
      chunkHashes,
      ids: ids.data(),
      idChunks: idTail.column.held(),
      oddIds: [...idTail.odd],
      answers: answers.port1,
      toMain: fromWorker.port1,
      fromMain: toWorker.port2,
    };
    this.worker = startWorker(import.meta.url, 'tree-grower.worker', { workerData: data, transferList: [fromWorker.port1, toWorker.port2, answers.port1] });
    // It must not keep a process alive that is done with the ledger (a test, a bench, a CLI).
    this.worker.unref();
    this.worker.on('error', (error) => (this.ended ??= error));
    this.worker.on('exit', (code) => {
      this.ended ??= new Error(`the Merkle tree's worker thread ended (exit code ${code})`);
      for (const { reject } of this.finds.values()) reject(this.ended);
      this.finds.clear();
      this.answers.close();
    });
  }

  /** Hands the worker the id of leaf `index` (before the leaf is published: {@link add}), kept in `idTail`. */
  addId(idTail: IdTail, index: number, id: string): void {
    if (idTail.add(index, id)) this.post({ kind: 'id', index, id });
  }

  /**
   * The leaf of the event with this id among the first `size` (all handed over), as the worker's
   * index answers; rejects when the worker stopped before answering (the caller then indexes the
   * ids itself).
   */
  find(id: string, size: number): Promise<number | undefined> {
    if (this.ended || this.stopping) return Promise.reject(this.ended ?? new Error("the Merkle tree's worker thread was stopped"));
    const request = ++this.requests;
    const found = new Promise<number | undefined>((resolve, reject) => this.finds.set(request, { resolve, reject }));
    if (this.finds.size === 1) this.answers.ref();
    this.post({ kind: 'find', request, id, size });
    this.signal();
    return found;
  }

  /** Hands the worker entry `index` (the next one): the event's hex chain hash. */
  add(index: number, hash: string): void {
    if (writeLogEntry(this.scratch, 0, hash)) this.entries.store(0, index, this.scratch);
    else {
      const entry = new Uint8Array(Buffer.from(hash, 'hex')); // a buffer of its own: a pooled Buffer would send its whole pool
      this.odd.set(index, entry);
      this.post({ kind: 'entry', index, entry });
    }
    this.published = index + 1;
    const { counts, flags } = this.control;
    Atomics.store(counts, PUBLISHED, BigInt(this.published));
    if (Atomics.load(flags, SLEEPING) === 1) this.signal();
  }

  /**
   * Takes HASHING for the main thread when the worker is not hashing (tree-grower.messages.ts):
   * then this thread may hash leaves from {@link done} on, each from {@link entryAt}, until
   * {@link hashedHere}. False while the worker hashes.
   */
  claim(): boolean {
    return Atomics.compareExchange(this.control.flags, HASHING, NOBODY, MAIN) === NOBODY;
  }

  /** The main thread, having {@link claim}ed, hashed the leaves up to `size`: counted done, then HASHING given back. */
  hashedHere(size: number): void {
    const { counts, flags } = this.control;
    Atomics.store(counts, DONE, BigInt(size));
    Atomics.store(flags, HASHING, NOBODY);
    Atomics.notify(flags, HASHING); // a worker that found it taken waits for this
  }

  /** A chunk of the ids' column (IdTail) the main thread allocated: the worker takes it before it indexes the ids in it. */
  sendIdChunk(chunk: ColumnChunk): void {
    this.post({ kind: 'ids', ...chunk });
  }

  /** A chunk of the levels the main thread allocated hashing a leaf itself: the worker takes it before it next hashes. */
  sendLevelChunk(chunk: ColumnChunk): void {
    this.post({ kind: 'level', ...chunk });
  }

  /** The next chunk of the tree's levels the worker allocated, if one is waiting. */
  nextLevelChunk(): ColumnChunk | undefined {
    return receiveMessageOnPort(this.toMain)?.message as ColumnChunk | undefined;
  }

  /**
   * Waits until at least `size` leaves are done, or until this thread can hash the rest itself:
   * answers how many are done, and whether this thread then holds HASHING ({@link claim}; it
   * hashes from there and gives it back with {@link hashedHere}). Undefined when the worker has
   * stopped on an error: the caller takes over from {@link done} with {@link entryAt}. Throws when
   * the worker still holds the leaves short of `size` after 30 s.
   */
  settle(size: number): { done: number; claimed: boolean } | undefined {
    const { counts, flags } = this.control;
    const started = performance.now();
    for (;;) {
      const done = Number(Atomics.load(counts, DONE));
      if (done >= size) return { done, claimed: false };
      if (Atomics.load(flags, STATE) === FAILED || this.ended) return undefined;
      // Read again once claimed: the worker may have finished a pass in between.
      if (this.claim()) return { done: Number(Atomics.load(counts, DONE)), claimed: true };
      if (performance.now() - started > SETTLE_TIMEOUT_MS) throw new Error(`the Merkle tree's worker thread has hashed ${done} of ${size} leaves after ${SETTLE_TIMEOUT_MS / 1000} s`);
      // The worker is hashing: it notifies DONE after each batch, having given HASHING back.
      Atomics.wait(counts, DONE, BigInt(done), WAIT_SLICE_MS);
    }
  }

  /** Leaves the worker has done (complete in the shared levels). */
  get done(): number {
    return Number(Atomics.load(this.control.counts, DONE));
  }

  /** Entry `index` as handed over (for a take-over on this thread). */
  entryAt(index: number): Uint8Array {
    return this.odd.get(index) ?? this.entries.node(0, index);
  }

  /** Ends the worker; a tree reading from it must have settled what it needs first. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    Atomics.store(this.control.flags, STATE, STOPPING);
    this.signal();
    this.fromMain.close();
    this.toMain.close();
    await this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.fromMain.postMessage(message);
  }

  /** Wakes the worker's wait (tree-grower.messages.ts SIGNAL). */
  private signal(): void {
    Atomics.add(this.control.flags, SIGNAL, 1);
    Atomics.notify(this.control.flags, SIGNAL);
  }

  private answered({ request, leaf }: Found): void {
    const find = this.finds.get(request);
    this.finds.delete(request);
    if (this.finds.size === 0) this.answers.unref();
    find?.resolve(leaf);
  }
}
