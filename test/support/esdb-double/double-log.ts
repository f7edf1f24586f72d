import { randomUUID } from 'node:crypto';

/**
 * The EventStoreDB double's transaction log: streams with revisions and one global log whose
 * positions behave like a real server's (see esdb-double.ts for what is and is not emulated).
 * This is the log as the leader holds it; each node's view of it is in double-node.ts.
 */

/** A record as the double stores it; bytes are kept exactly as the client sent them. */
export interface LogRecord {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  /**
   * Log position. Events appended through gRPC are implicitly committed prepares, for which a
   * real server reports commit = prepare = the prepare's own log position.
   */
  readonly position: bigint;
}

/** What the client asked of the stream, in the wire's terms. */
export type WireExpected = { kind: 'any' } | { kind: 'no-stream' } | { kind: 'stream-exists' } | { kind: 'revision'; revision: bigint };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/**
 * `idempotent`: every event was already stored where this append puts it (IndexWriter's
 * CheckCommit): the server answers success with the stored events' last revision and position,
 * whatever the content sent this time.
 */
export type AppendOutcome =
  | { ok: true; currentRevision: bigint | undefined; position: bigint | undefined; idempotent: boolean }
  | { ok: false; currentRevision: bigint | undefined };

/** Where a position falls: the log's start, a record's first byte, past the last record, or inside a record. */
export type PositionKind = 'start' | 'record' | 'end' | 'inside';

type Listener = (record: LogRecord) => void;

const TICKS_PER_MS = 10_000n;
/** A fresh real server's log starts after its chunk header and its first system records. */
const FIRST_POSITION = 1_024n;
/** Every tenth client append is followed by a `$statsCollected` record, as a real node's stats writer would interleave. */
const STATS_EVERY = 10;
/**
 * How many recently written event ids an `any` / `stream-exists` append is checked against. The
 * server keeps them in a cache bounded by memory (ESConsts.CommitedEventsMemCacheLimit, 8 MiB);
 * an id that fell out of it is simply written again.
 */
const RECENT_IDS = 100_000;
/** Fixed bytes of a prepare record besides its strings and payload (record header, ids, flags, timestamps). */
const RECORD_OVERHEAD = 96n;

export class DoubleLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<Listener>();
  private readonly recent = new Map<string, LogRecord>();
  /** Records in the order they were written, oldest first from `oldest`: what falls out of `recent` next. */
  private recentOrder: LogRecord[] = [];
  private oldest = 0;
  private nextPosition = FIRST_POSITION;
  private appends = 0;

  constructor() {
    // A real node writes system events before any client does; readAll sees them, subscriptions
    // with `excludeSystemEvents()` must not.
    this.write('$settings', [systemEvent('$settings', { $userStreamAcl: { $r: '$all' } })]);
    this.write('$stats-127.0.0.1:2113', [systemEvent('$statsCollected', { proc: 'double' })]);
  }

  /** The stream's records in revision order (empty when the stream does not exist). */
  stream(name: string): readonly LogRecord[] {
    return this.streams.get(name) ?? [];
  }

  /** Every record in log order. */
  all(): readonly LogRecord[] {
    return this.records;
  }

  /** The position just past the last record (where the next one will be written). */
  end(): bigint {
    return this.nextPosition;
  }

  /** How many records lie before `position` (binary search: records are in position order). */
  countBefore(position: bigint): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * What a read from `position` finds there, for a log that ends at `end` (a follower's copy may
   * end earlier than the leader's). A real server reads the record whose length prefix is at
   * that offset: inside a record it reads garbage and fails (TFChunkReadSide, InvalidReadException).
   */
  positionKind(position: bigint, end = this.nextPosition): PositionKind {
    if (position === 0n) return 'start';
    if (position >= end) return 'end';
    if (position < FIRST_POSITION) return 'inside';
    const at = this.records[this.countBefore(position)];
    return at !== undefined && at.position === position ? 'record' : 'inside';
  }

  /**
   * Appends atomically when the expectation holds, after the server's idempotency checks
   * (IndexWriter.CheckCommit in EventStoreDB 24.10):
   * - an exact revision or `no-stream` behind the stream's end: the events stored after that
   *   revision are compared with the append's by id only; all equal → success without writing
   *   (permanently: it reads the stream), the first unequal → wrong expected version, a later
   *   one → wrong expected version too (CorruptedIdempotency);
   * - `any` / `stream-exists`: the ids are looked up among recently written events; the first
   *   not there (or in another stream) → written again, a later one → wrong expected version.
   */
  append(stream: string, expected: WireExpected, events: readonly ProposedEvent[]): AppendOutcome {
    const current = this.stream(stream);
    const last = BigInt(current.length) - 1n;
    const currentRevision = current.length === 0 ? undefined : last;
    if (expected.kind === 'stream-exists' && current.length === 0) return { ok: false, currentRevision };
    if (expected.kind === 'any' || expected.kind === 'stream-exists') {
      const repeat = this.recentRepeat(stream, events);
      if (repeat === 'corrupted') return { ok: false, currentRevision };
      if (repeat) return { ok: true, currentRevision: repeat.revision, position: repeat.position, idempotent: true };
    } else {
      const after = expected.kind === 'no-stream' ? -1n : expected.revision;
      if (after > last) return { ok: false, currentRevision };
      if (after < last) {
        const stored = events.map((event, i) => current[Number(after) + 1 + i]);
        const matches = stored.map((record, i) => record !== undefined && sameId(record.id, events[i].id));
        if (events.length === 0 || !matches.every(Boolean)) return { ok: false, currentRevision };
        const lastStored = stored[stored.length - 1];
        return { ok: true, currentRevision: lastStored.revision, position: lastStored.position, idempotent: true };
      }
    }
    if (events.length === 0) return { ok: true, currentRevision, position: undefined, idempotent: false };
    const written = this.write(stream, events);
    this.appends += 1;
    if (this.appends % STATS_EVERY === 0) {
      this.write('$stats-127.0.0.1:2113', [systemEvent('$statsCollected', { appends: this.appends })]);
    }
    const lastWritten = written[written.length - 1];
    return { ok: true, currentRevision: lastWritten.revision, position: lastWritten.position, idempotent: false };
  }

  /** Calls the listener for every record written from now on, synchronously, in log order. */
  onWrite(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last stored event of a complete repeat, undefined for a fresh append, `corrupted` for a partial one. */
  private recentRepeat(stream: string, events: readonly ProposedEvent[]): LogRecord | 'corrupted' | undefined {
    let lastSeen: LogRecord | undefined;
    for (const [i, event] of events.entries()) {
      const seen = this.recent.get(event.id.toLowerCase());
      if (seen === undefined || seen.stream !== stream) return i === 0 ? undefined : 'corrupted';
      lastSeen = seen;
    }
    return lastSeen;
  }

  private write(stream: string, events: readonly ProposedEvent[]): LogRecord[] {
    const existing = this.streams.get(stream) ?? [];
    this.streams.set(stream, existing);
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((event) => {
      const record: LogRecord = { ...event, stream, revision: BigInt(existing.length), created, position: this.nextPosition };
      existing.push(record);
      this.records.push(record);
      this.remember(record);
      // Positions are byte offsets in the log: the next record starts after this one's bytes,
      // so positions have gaps (never assume p + 1 is the next event).
      this.nextPosition += RECORD_OVERHEAD + BigInt(stream.length + event.type.length + event.data.length + event.customMetadata.length);
      return record;
    });
    for (const record of written) for (const listener of this.listeners) listener(record);
    return written;
  }

  private remember(record: LogRecord): void {
    const id = record.id.toLowerCase();
    this.recent.set(id, record);
    this.recentOrder.push(record);
    if (this.recentOrder.length - this.oldest <= RECENT_IDS) return;
    const evicted = this.recentOrder[this.oldest++];
    // An id written again since then stays, for its later write.
    if (this.recent.get(evicted.id.toLowerCase()) === evicted) this.recent.delete(evicted.id.toLowerCase());
    if (this.oldest >= RECENT_IDS) {
      this.recentOrder = this.recentOrder.slice(this.oldest);
      this.oldest = 0;
    }
  }
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function systemEvent(type: string, data: object): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    customMetadata: new Uint8Array(),
  };
}
