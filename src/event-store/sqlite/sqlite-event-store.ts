import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../common/clock.js';
import { isWhereARepeatIs, prepareAppend, type PreparedEvent } from '../append-validation.js';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Revision,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { GENESIS_HASH, hashCanonicalEvent } from '../hash-chain.js';
import { checkedBigint, checkedMaxCount, notAnEventPosition } from '../read-validation.js';
import { AppendSignal, PollingSubscription, type PollingSource } from './polling-subscription.js';
import { prepareDatabase, type Synchronous } from './sqlite-schema.js';
import { SILENT, type StoreLog } from '../store-log.js';
import { DEFAULT_AUTOCHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer.js';

/** What `PRAGMA wal_checkpoint` answers: busy against another checkpoint, frames in the WAL, frames copied into the database. */
interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}
/** The longest a commit waits for the worker's checkpoint pass under way (the disk's sync). */
const PASS_WAIT_MS = 10_000;

export interface SqliteEventStoreOptions {
  /** A file path, or `:memory:` for a store that lives as long as this instance. */
  readonly path: string;
  /** See {@link Synchronous}: `normal` survives kill -9, `full` also survives power loss. Default `normal`. */
  readonly synchronous?: Synchronous;
  /** How often a live subscription looks for appends by other processes. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Events per read while a subscription catches up. Default 256. */
  readonly pageSize?: number;
  /** The store's record-time clock (`recordedAt`). Default: the system clock. */
  readonly clock?: Clock;
  /** How long a call waits for another connection's lock before EventStoreUnavailableError. Default 5,000 ms. */
  readonly busyTimeoutMs?: number;
  /** Where the store says what went wrong beside a call (the WAL checkpointer stopping). Default: nowhere. */
  readonly log?: StoreLog;
}

interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: bigint;
  hash: string;
}

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at, hash';

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.id,
  type: row.type,
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  recordedAt: new Date(Number(row.recorded_at)),
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  hash: row.hash,
});

/** The columns of {@link StoredEvent}, read as arrays (cheaper than row objects: verification reads millions). */
const STORED_COLUMNS = 'position, id, stream, revision, type, data, metadata, hash';
type StoredRow = [position: bigint, id: string, stream: string, revision: bigint, type: string, data: string, metadata: string, hash: string];
const toStored = (row: StoredRow): StoredEvent => ({
  position: row[0],
  id: row[1],
  stream: row[2],
  revision: row[3],
  type: row[4],
  dataJson: row[5],
  metadataJson: row[6],
  hash: row[7],
});
/** An appended event as a read would give it to a subscription: data and metadata parsed from what was stored, not the writer's objects. */
const delivered = (event: RecordedEvent, stored: PreparedEvent): RecordedEvent => ({ ...event, data: JSON.parse(stored.dataJson), metadata: JSON.parse(stored.metadataJson) });

/** Thrown inside the append transaction to roll it back when an event id is already stored. */
class EventIdTaken extends Error {}

/** An append waiting for the group commit of its turn of the event loop. */
interface PendingAppend {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** What one append of a group came to inside the transaction. */
type GroupOutcome = { readonly result: AppendResult } | { readonly error: unknown };

/** A group's outcomes, and the head of the log when its transaction began. */
interface GroupCommit {
  readonly headBefore: Position;
  readonly outcomes: GroupOutcome[];
}

const sqliteCode = (error: unknown): string => (error as { code?: unknown })?.code?.toString() ?? '';

/** Lock contention past busy_timeout, I/O failure, full disk: the store is unavailable for now (retryable). */
const isUnavailable = (code: string): boolean => /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/.test(code);

function matchesExpected(expected: ExpectedRevision, actual: Revision | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === undefined;
  if (expected === 'stream-exists') return actual !== undefined;
  return actual === expected;
}

/**
 * The event store port on one long-lived better-sqlite3 connection (WAL, busy_timeout), so that
 * several processes can share one file: each append is one `BEGIN IMMEDIATE` transaction, which
 * serializes writers and makes positions follow commit order across processes.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private closed = false;
  private readonly log: StoreLog;
  /** Runs the WAL checkpoints off this thread (file stores); undefined for `:memory:` or once it stopped. */
  private checkpointer?: WalCheckpointer;

  private readonly selectHead: Database.Statement<[string], { revision: bigint; hash: string }>;
  /** The last row of the log: the head position and the last record time, read once per group. */
  private readonly selectTail: Database.Statement<[], { position: bigint; recorded_at: bigint }>;
  private readonly insert: Database.Statement<[string, string, bigint, string, string, string, number, string]>;
  private readonly selectById: Database.Statement<[string], EventRow>;
  private readonly selectForwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly selectBackwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly selectAll: Database.Statement<[bigint, number], EventRow>;
  private readonly selectAfter: Database.Statement<[bigint, number], EventRow>;
  private readonly selectAllStored: Database.Statement<[bigint, number], StoredRow>;
  private readonly selectHeadPosition: Database.Statement<[], { position: bigint }>;
  private readonly selectPosition: Database.Statement<[bigint], { position: bigint }>;
  /** One append, inside the group's transaction: a savepoint, rolled back alone when the append fails. */
  private readonly appendOne: (stream: string, events: readonly PreparedEvent[], expected: ExpectedRevision) => AppendResult;
  private readonly groupTransaction: (group: readonly PendingAppend[]) => GroupCommit;
  /** A group of one append: its own transaction, no savepoint (its failure rolls back nothing else). */
  private readonly singleTransaction: (append: PendingAppend) => AppendResult;
  /**
   * The last record time of the log inside the running transaction: read with the head once per
   * group, then kept here as the group's appends succeed (recordedAt never goes backwards).
   */
  private lastRecordedAtMs = 0;
  /** The head position when the running transaction read the tail (the group's `headBefore`). */
  private tailPosition: Position = 0n;
  /** Appends made in this turn of the event loop, committed together at its end ({@link flush}). */
  private pending: PendingAppend[] = [];
  /** The highest position this connection committed or saw as the head: a higher head is another process's append. */
  private knownHead: Position = 0n;
  private readonly pollingSource: PollingSource;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.pageSize = options.pageSize ?? 256;
    this.log = options.log ?? SILENT;
    try {
      this.db = new Database(options.path);
      prepareDatabase(this.db, options.synchronous ?? 'normal', options.busyTimeoutMs);
    } catch (error) {
      throw new EventStoreUnavailableError(`cannot open the SQLite event store at ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    if (this.db.pragma('journal_mode', { simple: true }) === 'wal') this.startCheckpointer(options);
    // Positions, revisions and timestamps come back as bigint: positions may pass 2^53.
    this.db.defaultSafeIntegers(true);
    const db = this.db;
    this.selectHead = db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
    this.selectTail = db.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1');
    this.insert = db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectById = db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`);
    this.selectForwards = db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`);
    this.selectBackwards = db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`);
    this.selectAll = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`);
    this.selectAfter = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    this.selectAllStored = db.prepare<[bigint, number], StoredRow>(`SELECT ${STORED_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true);
    this.selectHeadPosition = db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1');
    this.selectPosition = db.prepare('SELECT position FROM events WHERE position = ?');
    // Called inside the group's transaction, better-sqlite3 runs it as a savepoint.
    this.appendOne = db.transaction(this.appendInTransaction.bind(this));
    this.groupTransaction = db.transaction((group: readonly PendingAppend[]): GroupCommit => ({
      headBefore: this.readTail(),
      outcomes: group.map((append) => {
        try {
          return { result: this.appendOne(append.stream, append.events, append.expected) };
        } catch (error) {
          return { error };
        }
      }),
    })).immediate;
    this.singleTransaction = db.transaction((append: PendingAppend): AppendResult => {
      this.readTail();
      return this.appendInTransaction(append.stream, append.events, append.expected);
    }).immediate;
    this.pollingSource = {
      readAfter: (after, max) => this.guard(() => this.selectAfter.all(after, max).map(toRecorded)),
      isTransient: (error) => error instanceof EventStoreUnavailableError && !this.closed,
      signal: this.signal,
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
    };
  }

  /**
   * Commits here never run a WAL checkpoint (copying the WAL into the database and syncing it,
   * milliseconds now and then): a worker thread runs them (docs/design.md "The embedded store").
   * If it fails or ends, the connection checkpoints as SQLite does by default again.
   */
  private startCheckpointer(options: SqliteEventStoreOptions): void {
    const { log } = this;
    try {
      this.checkpointer = new WalCheckpointer(options.path, options.synchronous ?? 'normal', (reason) => {
        this.checkpointer = undefined;
        if (this.closed) return;
        this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
        log('error', `the SQLite WAL checkpointer stopped (${reason.message}); commits checkpoint the WAL themselves again`);
      });
      this.db.pragma('wal_autocheckpoint = 0');
    } catch (error) {
      log('error', `the SQLite WAL checkpointer did not start (${(error as Error).message}); commits checkpoint the WAL themselves`);
    }
  }

  /**
   * The worker's checkpoints fell behind the commits: one here, between commits, lets the WAL
   * restart. SQLite answers a checkpoint busy against another one with a row, not an error: one
   * busy against the worker's pass under way waits for it (the worker starts no other meanwhile)
   * and runs again, as a commit waits for SQLite's own checkpoint; only one that copied the whole
   * WAL counts as done, else a later commit tries again (WalCheckpointer.checkpointedHere).
   */
  private checkpointHere(): void {
    try {
      let row = this.checkpointWal();
      if (row.busy !== 0 && this.checkpointer?.awaitPass(PASS_WAIT_MS)) row = this.checkpointWal();
      this.checkpointer?.checkpointedHere(row.busy !== 0 ? 'busy' : row.checkpointed === row.log ? 'complete' : 'partial');
    } catch (error) {
      // After the commits were answered: never thrown from here. SQLITE_BUSY thrown rather than
      // answered is another checkpoint running too: tried again after the next commit.
      if (/^SQLITE_BUSY/.test(sqliteCode(error))) this.checkpointer?.checkpointedHere('busy');
      else this.log('error', `a WAL checkpoint on the writing connection failed: ${(error as Error).message}`);
    }
  }

  private checkpointWal(): CheckpointResult {
    // Read as numbers: the connection answers integers as BigInt.
    const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as Record<keyof CheckpointResult, bigint | number>[];
    return row ? { busy: Number(row.busy), log: Number(row.log), checkpointed: Number(row.checkpointed) } : { busy: 1, log: 0, checkpointed: 0 };
  }

  /** Who checkpoints the WAL now (for tests and health output): the worker, the committing connection (every N pages), or nobody (`:memory:`). */
  checkpointing(): { by: 'worker' | 'connection' | 'none'; autocheckpointPages: number } {
    return this.guard(() => {
      const autocheckpointPages = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
      const by = this.checkpointer?.isRunning ? 'worker' : this.db.pragma('journal_mode', { simple: true }) === 'wal' ? 'connection' : 'none';
      return { by, autocheckpointPages };
    });
  }

  /** Ends the checkpointer as a failure would (for the tests of the fallback). */
  async killCheckpointerForTests(): Promise<void> {
    await this.checkpointer?.kill();
  }

  /** The connection's durability settings, as SQLite reports them (for health output and tests). */
  durability(): { journalMode: string; synchronous: Synchronous } {
    return this.guard(() => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })) >= 2 ? 'full' : 'normal',
    }));
  }

  /**
   * Group commit: the appends made in one turn of the event loop (before the next tick) are
   * written in one `BEGIN IMMEDIATE` transaction, in the order they were made, each in a savepoint
   * of its own: each is checked against its own expected revision (and sees the appends before it
   * in the group), and one that fails is rolled back alone, failing only its own caller. One
   * commit then serves many concurrent writers.
   */
  async append(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision ?? 'any';
    const prepared = prepareAppend(stream, events, expected);
    this.guard(() => undefined); // closed: refuse now, not at the commit
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ stream, events: prepared, expected, resolve, reject });
      if (this.pending.length === 1) process.nextTick(() => this.flush());
    });
  }

  /** Commits the pending appends as one transaction and answers each. */
  private flush(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let commit: GroupCommit;
    try {
      commit = this.guard(() => this.commitGroup(group));
    } catch (error) {
      // The transaction itself failed (lock timeout, I/O, closed): nothing of the group is written.
      for (const append of group) append.reject(error);
      return;
    }
    const committed: RecordedEvent[] = [];
    let appended = 0;
    commit.outcomes.forEach((outcome, i) => {
      const append = group[i];
      if ('result' in outcome) {
        committed.push(...outcome.result.events.map((event, j) => delivered(event, append.events[j])));
        appended += append.events.length;
        if (outcome.result.position > this.knownHead) this.knownHead = outcome.result.position;
        append.resolve(outcome.result);
        return;
      }
      const { error } = outcome;
      try {
        // Rolled back; ids are never deleted, so deciding after the commit is safe.
        if (error instanceof EventIdTaken || error instanceof WrongExpectedRevisionError) {
          const repeat = this.guard(() => this.originalAppend(append.stream, append.events, append.expected, error instanceof EventIdTaken));
          if (repeat) return append.resolve(repeat);
        }
        append.reject(this.unavailableOr(error));
      } catch (failure) {
        append.reject(failure);
      }
    });
    if (appended > 0 && this.checkpointer?.committed(appended)) this.checkpointHere();
    // The subscriptions of this connection take the events from here rather than read them back.
    if (committed.length > 0) this.signal.notify({ after: commit.headBefore, events: committed });
  }

  /**
   * The group's transaction; a group of one append skips the savepoint. Throws only when the
   * transaction itself fails (then nothing of the group is written).
   */
  private commitGroup(group: readonly PendingAppend[]): GroupCommit {
    if (group.length > 1) return this.groupTransaction(group);
    let outcome: GroupOutcome;
    try {
      outcome = { result: this.singleTransaction(group[0]) };
    } catch (error) {
      // BEGIN itself failing (locked) and the append failing come to the same here: its one caller gets the error.
      outcome = { error };
    }
    return { headBefore: this.tailPosition, outcomes: [outcome] };
  }

  /** Reads the last row of the log inside the transaction: the head position (answered) and the last record time (kept). */
  private readTail(): Position {
    const tail = this.selectTail.get();
    this.tailPosition = tail?.position ?? 0n;
    this.lastRecordedAtMs = tail ? Number(tail.recorded_at) : 0;
    return this.tailPosition;
  }

  private appendInTransaction(stream: string, events: readonly PreparedEvent[], expected: ExpectedRevision): AppendResult {
    const head = this.selectHead.get(stream);
    if (!matchesExpected(expected, head?.revision)) {
      throw new WrongExpectedRevisionError(stream, expected, head?.revision ?? 'no-stream');
    }
    // recordedAt never goes backwards along the log, even if the clock (or another process's) does:
    // "known at instant T" maps to a prefix of the log.
    const now = this.clock.now().getTime();
    const recordedAtMs = this.lastRecordedAtMs > now ? this.lastRecordedAtMs : now;
    const recordedAt = new Date(recordedAtMs);
    let revision = head ? head.revision + 1n : 0n;
    let previousHash = head?.hash ?? GENESIS_HASH;
    let position = 0n;
    const recorded: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const hash = hashCanonicalEvent(stream, revision, event.type, event.dataJson, event.metadataJson, previousHash);
      try {
        position = this.insert.run(event.id, stream, revision, event.type, event.dataJson, event.metadataJson, recordedAtMs, hash)
          .lastInsertRowid as bigint;
      } catch (error) {
        if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && /events\.id/.test((error as Error).message)) throw new EventIdTaken();
        throw error;
      }
      recorded[i] = { id: event.id, type: event.type, stream, revision, position, recordedAt, data: event.data, metadata: event.metadata, hash };
      previousHash = hash;
      revision++;
    }
    this.lastRecordedAtMs = recordedAtMs; // the append stands (a failure above rolls back its savepoint and keeps the time before)
    return { nextExpectedRevision: revision - 1n, position, events: recorded };
  }

  /**
   * The answer of the first append when this one repeats it exactly (same ids, same stream, same
   * order, same content); undefined when none of its ids is stored; DuplicateEventIdError when
   * some are stored but it is not such a repeat. A repeat is answered only where its first append
   * put it (isWhereARepeatIs, the port's rule on every store): elsewhere it is the conflict the
   * expected revision made it, or, when the expectation held, ids the writer had already seen.
   */
  private originalAppend(stream: string, events: readonly PreparedEvent[], expected: ExpectedRevision, expectationHeld: boolean): AppendResult | undefined {
    const rows = events.map((event) => this.selectById.get(event.id));
    const firstStored = rows.findIndex((row) => row !== undefined);
    if (firstStored < 0) return undefined;
    const first = rows[0];
    const isRepeat =
      first !== undefined &&
      rows.every((row, i) => {
        const event = events[i];
        return (
          row !== undefined &&
          row.stream === stream &&
          row.revision === first.revision + BigInt(i) &&
          row.type === event.type &&
          row.data === event.dataJson &&
          row.metadata === event.metadataJson
        );
      });
    const placed = isRepeat && isWhereARepeatIs(expected, first.revision);
    if (!isRepeat || (!placed && expectationHeld)) throw new DuplicateEventIdError(stream, events[firstStored].id);
    if (!placed) return undefined;
    const recorded = (rows as EventRow[]).map(toRecorded);
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, events: recorded };
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const limit = checkedMaxCount(options?.maxCount) ?? -1; // SQLite: LIMIT -1 is no limit
    const backwards = options?.direction === 'backwards';
    const from = checkedBigint('fromRevision', options?.fromRevision, backwards ? BigInt('9223372036854775807') : 0n);
    return this.guard(() => {
      const rows = (backwards ? this.selectBackwards : this.selectForwards).all(stream, from, limit);
      if (rows.length === 0 && this.selectHead.get(stream) === undefined) throw new StreamNotFoundError(stream);
      return rows.map(toRecorded);
    });
  }

  /** From 0, an event's position, or past the head (nothing); any other position is refused, as EventStoreDB refuses it. */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readLog(options, (from, limit) => this.selectAll.all(from, limit).map(toRecorded));
  }

  /** readAll without parsing: the data and metadata text as stored (canonical JSON, as appended). */
  async readAllStored(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.readLog(options, (from, limit) => this.selectAllStored.all(from, limit).map(toStored));
  }

  private readLog<T>(options: ReadAllOptions | undefined, read: (from: bigint, limit: number) => T[]): T[] {
    const limit = checkedMaxCount(options?.maxCount) ?? -1;
    const from = checkedBigint('fromPosition', options?.fromPosition, 0n);
    return this.guard(() => {
      if (from > 0n && this.selectPosition.get(from) === undefined && from < (this.selectHeadPosition.get()?.position ?? 0n)) {
        throw notAnEventPosition('fromPosition');
      }
      return read(from, limit);
    });
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    this.guard(() => undefined);
    if (options.from !== 'start') checkedBigint('from.after', options.from?.after, 0n);
    const subscription = new PollingSubscription(this.pollingSource, options.from, handler, (finished) =>
      this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    const head = this.guard(() => this.selectHeadPosition.get()?.position);
    if (head !== undefined && head > this.knownHead) {
      // Another process appended: wake this connection's subscriptions to read it now rather
      // than at their next poll, so whoever waits for this head is not kept waiting.
      this.knownHead = head;
      this.signal.notify();
    }
    return head;
  }

  async ping(): Promise<void> {
    this.guard(() => this.db.prepare('SELECT 1').get());
  }

  /** Stops every subscription (waiting for running handlers), then closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush(); // appends made before the close are committed, not refused
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.checkpointer?.stop();
    this.db.close(); // the last connection to the file checkpoints the WAL and removes it
  }

  /** Runs a database call, turning "closed", lock timeouts and I/O failures into EventStoreUnavailableError. */
  private guard<T>(call: () => T): T {
    if (this.closed) throw new EventStoreUnavailableError('the SQLite event store is closed');
    try {
      return call();
    } catch (error) {
      throw this.unavailableOr(error);
    }
  }

  /** Lock timeouts and I/O failures as EventStoreUnavailableError; any other error as it is. */
  private unavailableOr(error: unknown): unknown {
    const code = sqliteCode(error);
    return isUnavailable(code) ? new EventStoreUnavailableError(`SQLite event store unavailable (${code}): ${(error as Error).message}`, { cause: error }) : error;
  }
}
