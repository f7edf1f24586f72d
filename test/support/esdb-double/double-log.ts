import { randomUUID } from 'node:crypto';

/**
 * The EventStoreDB double's transaction log: streams with revisions and one global log whose
 * positions behave like a real server's (see esdb-double.ts for what is and is not emulated).
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

export type AppendOutcome =
  | { ok: true; currentRevision: bigint | undefined; position: bigint | undefined }
  | { ok: false; currentRevision: bigint | undefined };

type Listener = (record: LogRecord) => void;

const TICKS_PER_MS = 10_000n;
/** A fresh real server's log starts after its chunk header and its first system records. */
const FIRST_POSITION = 1_024n;
/** Every tenth client append is followed by a `$statsCollected` record, as a real node's stats writer would interleave. */
const STATS_EVERY = 10;

export class DoubleLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<Listener>();
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

  /** Appends atomically when the expectation holds (EventStoreDB's optimistic concurrency). */
  append(stream: string, expected: WireExpected, events: readonly ProposedEvent[]): AppendOutcome {
    const current = this.stream(stream);
    const currentRevision = current.length === 0 ? undefined : BigInt(current.length - 1);
    if (!expectationHolds(expected, currentRevision)) return { ok: false, currentRevision };
    if (events.length === 0) return { ok: true, currentRevision, position: undefined };
    const written = this.write(stream, events);
    this.appends += 1;
    if (this.appends % STATS_EVERY === 0) {
      this.write('$stats-127.0.0.1:2113', [systemEvent('$statsCollected', { appends: this.appends })]);
    }
    const last = written[written.length - 1];
    return { ok: true, currentRevision: last.revision, position: last.position };
  }

  /** Calls the listener for every record written from now on, synchronously, in log order. */
  onWrite(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(stream: string, events: readonly ProposedEvent[]): LogRecord[] {
    const existing = this.streams.get(stream) ?? [];
    this.streams.set(stream, existing);
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((event) => {
      const record: LogRecord = { ...event, stream, revision: BigInt(existing.length), created, position: this.nextPosition };
      existing.push(record);
      this.records.push(record);
      // Positions are byte offsets in the log: the next record starts after this one's bytes,
      // so positions have gaps (never assume p + 1 is the next event).
      this.nextPosition += BigInt(96 + stream.length + event.type.length + event.data.length + event.customMetadata.length);
      return record;
    });
    for (const record of written) for (const listener of this.listeners) listener(record);
    return written;
  }
}

function expectationHolds(expected: WireExpected, currentRevision: bigint | undefined): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no-stream':
      return currentRevision === undefined;
    case 'stream-exists':
      return currentRevision !== undefined;
    case 'revision':
      return currentRevision === expected.revision;
  }
}

function systemEvent(type: string, data: object): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    customMetadata: new Uint8Array(),
  };
}
