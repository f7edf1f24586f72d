import type { Worker } from 'node:worker_threads';
import { writeLogEntry } from '../../common/merkle/log-entry.js';
import { startWorker } from '../../common/start-worker.js';
import type { LogTreeReply, LogTreeRequest } from './log-tree.messages.js';

/** Leaves per message to the tree's thread: large enough that messages cost nothing per event. */
const CHUNK_EVENTS = 8192;
const ENTRY_BYTES = 32;

/**
 * The log's Merkle tree for verification against a checkpoint, built on a worker thread
 * (log-tree.worker.ts) so that hashing the tree (a leaf and, on average, one node per event)
 * overlaps reading the log and recomputing its hash chains on this one. Leaves are added in log
 * order from each event's hex chain hash; {@link roots} answers after every leaf added before it.
 */
export class LogTreeBuilder {
  private readonly worker: Worker;
  private chunk = Buffer.alloc(CHUNK_EVENTS * ENTRY_BYTES);
  private chunkBytes = 0;
  private leaves = 0;
  private readonly replies: { resolve: (reply: LogTreeReply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor() {
    this.worker = startWorker(import.meta.url, 'log-tree.worker');
    this.worker.on('message', (reply: LogTreeReply) => this.replies.shift()?.resolve(reply));
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const waiting of this.replies.splice(0)) waiting.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the Merkle tree's worker thread ended (exit code ${code})`)));
  }

  /** The number of leaves added. */
  get size(): number {
    return this.leaves;
  }

  /** Adds the next event's leaf: its entry is the 32 bytes of its chain hash (hex). */
  add(hash: string): void {
    this.leaves++;
    if (writeLogEntry(this.chunk, this.chunkBytes, hash)) {
      this.chunkBytes += ENTRY_BYTES;
      if (this.chunkBytes === this.chunk.length) this.flush();
      return;
    }
    // Not 64 hex digits (written around the ledger): its leaf is that of the bytes it decodes to, as the ledger's tree has it.
    this.flush();
    this.send({ kind: 'entry', entry: Buffer.from(hash, 'hex') });
  }

  /** The hex roots of the trees of these sizes (each at most {@link size}). */
  async roots(sizes: readonly number[]): Promise<string[]> {
    this.flush();
    const reply = new Promise<LogTreeReply>((resolve, reject) => this.replies.push({ resolve, reject }));
    this.send({ kind: 'roots', sizes });
    const { roots } = await reply;
    return roots.map((root, i) => {
      if (root === undefined) throw new RangeError(`no tree of size ${sizes[i]}: ${this.leaves} leaves`);
      return root;
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private flush(): void {
    if (this.chunkBytes === 0) return;
    const entries = this.chunk;
    this.send({ kind: 'entries', entries, length: this.chunkBytes }, [entries.buffer as ArrayBuffer]);
    this.chunk = Buffer.alloc(CHUNK_EVENTS * ENTRY_BYTES); // not pooled: its memory is its own, to transfer
    this.chunkBytes = 0;
  }

  private send(request: LogTreeRequest, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(request, transfer);
  }
}
