import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Synchronous } from './sqlite-schema.js';

/** Events committed since the last wake-up after which the checkpointer is woken at once (else within {@link IDLE_CHECKPOINT_MS}). */
export const CHECKPOINT_EVERY_EVENTS = 256;
/** The longest appends stay in the WAL before a checkpoint copies them into the database file. */
const IDLE_CHECKPOINT_MS = 1000;
/**
 * WAL frames (pages) past which the writing connection checkpoints once itself: a worker whose
 * passive checkpoints keep being overtaken by commits (each pass copies what was there when it
 * began) never lets the WAL restart, and the WAL would grow without bound under sustained load.
 */
export const WAL_LIMIT_FRAMES = 2000;
/**
 * Events committed since the worker's last pass after which the writing connection checkpoints
 * once itself, whatever the worker reported: a worker starved of CPU reports late, and the WAL
 * must stay bounded all the same.
 */
export const EVENTS_WITHOUT_PASS_LIMIT = 1024;
/** SQLite's own default, given back to the connection when the checkpointer stops. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** Slots of the shared counters. */
const COMMITTED = 0; // events committed by the writing connection (wraps around: compared for change only)
const STOP = 1;
const WAL_FRAMES = 2; // frames in the WAL at the worker's last pass
const PASSES = 3; // the worker's passes so far
const HOLD = 4; // 1 while the writing connection checkpoints itself: the worker starts no pass
const IN_PASS = 5; // 1 from before the worker looks at HOLD until its pass ended

/**
 * The worker's program, run as a CommonJS script (no module loader, so the same code runs built and
 * under the tests). It opens its own connection to the file and, whenever the writer has committed
 * something since its last pass, runs `PRAGMA wal_checkpoint(PASSIVE)`: it copies what it can of the
 * WAL into the database and never waits for, nor blocks, a reader or a writer. SQLITE_BUSY (another
 * process's checkpoint running) is not an error: the next pass does it. While the writing
 * connection checkpoints itself (HOLD), the worker starts no pass: only one checkpoint of a file
 * runs at a time, and the connection's must not keep losing to the worker's.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
db.pragma('wal_autocheckpoint = 0');
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let seen = Atomics.load(state, ${COMMITTED});
while (Atomics.load(state, ${STOP}) === 0) {
  if (Atomics.load(state, ${HOLD}) !== 0) {
    Atomics.wait(state, ${HOLD}, 1, ${IDLE_CHECKPOINT_MS});
    continue;
  }
  Atomics.wait(state, ${COMMITTED}, seen, ${IDLE_CHECKPOINT_MS});
  const committed = Atomics.load(state, ${COMMITTED});
  if (committed === seen || Atomics.load(state, ${STOP}) !== 0) continue;
  // IN_PASS before HOLD is read: the writing connection stores HOLD before it reads IN_PASS, so
  // either this pass sees the hold and is not run, or the connection sees the pass and waits for it.
  Atomics.store(state, ${IN_PASS}, 1);
  if (Atomics.load(state, ${HOLD}) === 0) {
    seen = committed;
    try {
      const result = checkpoint.get();
      Atomics.store(state, ${WAL_FRAMES}, result.log);
    } catch (error) {
      if (!/^SQLITE_BUSY/.test(String(error && error.code))) throw error;
    } finally {
      Atomics.add(state, ${PASSES}, 1);
    }
  }
  Atomics.store(state, ${IN_PASS}, 0);
  Atomics.notify(state, ${IN_PASS});
}
db.close();
`;

/**
 * Runs the WAL checkpoints of one SQLite file on a worker thread (docs/design.md "The embedded
 * store"), so that no commit on the writing connection pays for copying the WAL into the database
 * and syncing it. The writing connection runs with `wal_autocheckpoint = 0` while this runs; when
 * the worker fails or ends unexpectedly, {@link onStopped} gives the connection its autocheckpoint
 * back, so the WAL never grows without bound.
 */
export class WalCheckpointer {
  private readonly state = new Int32Array(new SharedArrayBuffer(6 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private sinceWake = 0;
  /** Events committed since the worker's pass numbered {@link passesSeen} (or since the connection's own checkpoint). */
  private sincePass = 0;
  private passesSeen = 0;
  /** Whether the writing connection is to checkpoint itself after its commits until one of its checkpoints completes. */
  private holding = false;
  /** Events to commit, while {@link holding}, before the connection's next try (0: after the next commit). */
  private untilNextTry = 0;
  private stopping = false;
  private running = true;
  private readonly exited: Promise<void>;

  /**
   * @param onStopped called once if the worker fails or ends before {@link stop}, with why
   *   (the store then turns the connection's autocheckpoint back on and logs it).
   */
  constructor(path: string, synchronous: Synchronous, private readonly onStopped: (reason: Error) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver, synchronous: synchronous === 'full' ? 'FULL' : 'NORMAL', state: this.state.buffer },
    });
    // The store must not keep the process alive by itself: its close (or the process ending) ends the worker.
    this.worker.unref();
    let failure: Error | undefined;
    this.worker.on('error', (error) => (failure = error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.running = false;
        if (!this.stopping) this.onStopped(failure ?? new Error(`the WAL checkpointer's thread ended (exit code ${code})`));
        resolve();
      }),
    );
  }

  /** Whether the worker is running (false once it failed or was stopped). */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Tells the worker that `events` were committed; wakes it once enough have been since the last
   * wake-up. True when the caller should checkpoint once itself (then {@link checkpointedHere}):
   * the WAL had outgrown {@link WAL_LIMIT_FRAMES} at the worker's last pass, or more than
   * {@link EVENTS_WITHOUT_PASS_LIMIT} events were committed since that pass; it stays true (after
   * every commit, or every so many: {@link checkpointedHere}) until one of the caller's
   * checkpoints has copied the whole WAL, and the worker starts no pass meanwhile (a pass under
   * way makes the caller's checkpoint busy: under I/O load the worker's passes are long, and the
   * caller's would otherwise keep losing to them while the WAL never restarts and grows with
   * every commit).
   */
  committed(events: number): boolean {
    const passes = Atomics.load(this.state, PASSES);
    if (passes !== this.passesSeen) {
      this.passesSeen = passes;
      this.sincePass = 0;
    }
    this.sincePass += events;
    Atomics.add(this.state, COMMITTED, events);
    this.sinceWake += events;
    if (this.sinceWake >= CHECKPOINT_EVERY_EVENTS && !this.holding) {
      this.sinceWake = 0;
      Atomics.notify(this.state, COMMITTED);
    }
    if (this.holding) {
      this.untilNextTry -= events;
      return this.untilNextTry <= 0;
    }
    if (Atomics.load(this.state, WAL_FRAMES) > WAL_LIMIT_FRAMES || this.sincePass > EVENTS_WITHOUT_PASS_LIMIT) {
      this.holding = true;
      this.untilNextTry = 0;
      Atomics.store(this.state, HOLD, 1);
    }
    return this.holding;
  }

  /**
   * The writing connection ran a checkpoint itself. `complete`: it copied every frame of the WAL,
   * so the WAL restarts at the next commit and the worker takes over again; `busy`: another
   * checkpoint ran (another process's), tried again after the next commit; `partial`: readers
   * (of other processes) held frames back, tried again only after {@link CHECKPOINT_EVERY_EVENTS}
   * more events (a try copies and syncs the file: not at every commit).
   */
  checkpointedHere(outcome: 'complete' | 'busy' | 'partial'): void {
    if (outcome !== 'complete') {
      this.untilNextTry = outcome === 'busy' ? 0 : CHECKPOINT_EVERY_EVENTS;
      return;
    }
    this.holding = false;
    Atomics.store(this.state, WAL_FRAMES, 0);
    this.sincePass = 0;
    Atomics.store(this.state, HOLD, 0);
    Atomics.notify(this.state, HOLD);
  }

  /**
   * Waits (blocking this thread, at most `timeoutMs`) until the worker's pass under way has ended;
   * false at once when none is. Call only while {@link committed} answers true: the worker then
   * starts no other pass, so the caller's checkpoint can run next.
   */
  awaitPass(timeoutMs: number): boolean {
    if (Atomics.load(this.state, IN_PASS) !== 1) return false;
    const until = Date.now() + timeoutMs;
    for (let left = timeoutMs; Atomics.load(this.state, IN_PASS) === 1 && left > 0; left = until - Date.now()) {
      Atomics.wait(this.state, IN_PASS, 1, left);
    }
    return true;
  }

  /** Ends the worker after its current pass (closing its connection). */
  async stop(): Promise<void> {
    // Referenced again while it ends: else a process with nothing else to do would exit with the
    // close (and whatever awaits it) still pending.
    this.worker.ref();
    this.stopping = true;
    Atomics.store(this.state, STOP, 1);
    Atomics.notify(this.state, COMMITTED);
    Atomics.notify(this.state, HOLD);
    await this.exited;
  }

  /** Ends the worker abruptly, as a failure would: for the tests of the fallback. */
  async kill(): Promise<void> {
    this.worker.ref();
    await this.worker.terminate();
    await this.exited;
  }
}
