/**
 * The event store port: the only way the ledger reads or writes history.
 *
 * Modelled on EventStoreDB semantics so that the embedded SQLite adapter and the EventStoreDB
 * adapter are interchangeable and pass one contract suite (test/contract):
 *
 * - Streams hold events at revisions 0, 1, 2, … (bigint). A stream exists once it has an event.
 * - The global log orders every event of every stream by **position** (bigint, strictly
 *   increasing in commit order; not necessarily contiguous: EventStoreDB's commit positions have
 *   gaps). Position is the ledger's **record time** axis; `recordedAt` is the store's clock at
 *   commit. Valid time (effective dates) lives in the event data, never here.
 * - Appends are atomic per call and optimistic: `expectedRevision` must hold or the append fails
 *   with {@link WrongExpectedRevisionError} and nothing is written.
 * - Appends are idempotent by event id and content, checked in the target stream only: an append
 *   whose events are already stored where it would put them (right after the exact revision it
 *   expects, from revision 0 for `no-stream`, anywhere in the stream for `any`/`stream-exists`),
 *   same ids, same order, same content, writes nothing and answers as the first append did; any
 *   of its ids stored there otherwise (other content, a partial overlap) is a
 *   DuplicateEventIdError. The same events stored elsewhere in the stream are not a repeat of an
 *   exact-revision append: it fails its expected revision.
 *   Why the target stream only: EventStoreDB can find an id only by reading where it is, so a
 *   check across streams needs an index of every id of the log in every instance's memory,
 *   growing with the log (the adapter once kept one). The ledger never needs it: its ids are
 *   unique by construction (UUID v7; or v5 derived from the stream and the event's meaning, which
 *   the writer's decider first checks against the stream it read, docs/design.md "Writing"), and
 *   every retry of an append repeats its expected revision. An id already stored, in another
 *   stream or before the revision an append expects, is therefore never sent; if one is, SQLite
 *   refuses it (its ids are one unique key) and EventStoreDB stores it again: neither answers
 *   with the other event.
 * - Only the ledger's events are in it: a store shared with other applications (EventStoreDB)
 *   shows neither the server's system events nor other applications' events.
 * - Every stream is hash-chained (see hash-chain.ts): each recorded event carries the hash of its
 *   content and of its predecessor's hash, so tampering is detectable without a global lock.
 */

/** A position in the global log. Record time: later positions were recorded later. */
export type Position = bigint;

/** A revision in one stream, from 0. */
export type Revision = bigint;

/**
 * What the writer expects of the stream before its append:
 * - `any`: no check;
 * - `no-stream`: the stream must not exist yet;
 * - `stream-exists`: the stream must have at least one event;
 * - a bigint: the stream's last revision must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | Revision;

/** JSON-compatible values: what event data and metadata may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event as a writer hands it to the store. */
export interface EventToAppend {
  /** A UUID chosen by the writer; the idempotency key of the append. */
  readonly id: string;
  /** The event type, e.g. `DataListPublished`. Types starting with `$` are reserved. */
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

/** An event as the store recorded it. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: Revision;
  /** Global log position: the record-time axis. */
  readonly position: Position;
  /** The store's clock when the event was committed (record time, as an instant). */
  readonly recordedAt: Date;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Hex SHA-256 of this event chained to its predecessor's hash (hash-chain.ts). */
  readonly hash: string;
}

/**
 * An event as the store holds it, its data and metadata as the stored JSON text, unparsed: what
 * chain verification hashes (hash-chain.ts) without decoding and encoding every event again.
 */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: Revision;
  readonly position: Position;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly hash: string;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's last revision after the append (the revision of the last event appended). */
  readonly nextExpectedRevision: Revision;
  /** The global position of the last event of this append. */
  readonly position: Position;
  /** The events as recorded (also on an idempotent repeat: the originals). */
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: Revision;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * Inclusive lower bound (forwards). Defaults to the start of the log. Must be 0, the position of
   * an event, or beyond the head (nothing is read): any other position is refused with
   * ValidationFailed on `fromPosition`, by every adapter, because EventStoreDB cannot read from
   * inside a record. Map a position from a user to an event first.
   */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
}

/**
 * Where a subscription starts: `start` or strictly after the given position (a checkpoint: the
 * position of an event delivered before; on EventStoreDB another position stops the subscription
 * with ValidationFailed on `from.after`).
 */
export type SubscriptionStart = 'start' | { readonly after: Position };

export interface SubscribeOptions {
  readonly from: SubscriptionStart;
}

/** Called for every event in log order; the next event waits for the returned promise. */
export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves once the subscription has delivered everything up to the head it saw at start. */
  readonly caughtUp: Promise<void>;
  /**
   * Settles when delivery has ended for good: resolves after `stop()`, rejects with what ended it
   * otherwise (the handler's error, or an event the store cannot deliver), also long after
   * `caughtUp` resolved. A reader that must not go silently stale listens to it.
   */
  readonly ended: Promise<void>;
  /** The position of the last event delivered (undefined before the first). */
  lastPosition(): Position | undefined;
  /** Stops delivery; resolves when no handler is running any more. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** Appends atomically. Throws WrongExpectedRevisionError, DuplicateEventIdError, EventStoreUnavailableError. */
  append(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads a stream; throws StreamNotFoundError when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log forwards, from a position (inclusive). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Optional: the same events as {@link readAll} (same options, same refusals) as stored text,
   * from an adapter that stores each event's data and metadata as JSON text (SQLite). Chain
   * verification reads through it when it is there.
   */
  readAllStored?(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * Delivers every event after the start, first catching up on stored history, then live as new
   * events are appended (by this process or another), with no gap and no duplicate.
   * If the handler throws, the subscription stops, `caughtUp` rejects if still pending and `ended` rejects.
   */
  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription;

  /** The position of the last event in the global log, or undefined when the log is empty. */
  headPosition(): Promise<Position | undefined>;

  /** Answers when the store is reachable; throws EventStoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** DI token for the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `no-stream`. */
    readonly actual: Revision | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An append reused event ids that are stored but not as the same events of the same stream. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`event id ${eventId} is already stored and the append to ${stream} is not a repeat of it`);
    this.name = 'DuplicateEventIdError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly stream: string) {
    super(`stream ${stream} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/**
 * What an unavailable store is called in every answer (docs/api.md §10, §11): fixed words, since
 * the store's own error text may name hosts, files and paths.
 */
export const STORE_UNAVAILABLE = 'the event store is unavailable; retry later';

/**
 * An event where only ledger events may be (one of the ledger's streams) that is not a ledger
 * event: not JSON, data not an object. Something wrote it around the ledger; reads that reach it
 * fail with this error naming it, and chain verification reports it.
 */
export class MalformedEventError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: Revision,
    readonly eventId: string,
    readonly position: Position | undefined,
    readonly reason: string,
  ) {
    super(`event ${stream}@${revision}${position === undefined ? '' : ` (position ${position})`} is in a ledger stream but is not a ledger event: ${reason}`);
    this.name = 'MalformedEventError';
  }
}

/** The store cannot be reached right now (retryable). */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** Positions are bigint inside and decimal strings at the edges (HTTP, JSON). */
export const positionToString = (position: Position): string => position.toString(10);
/** A position as a decimal string: no sign, no leading zeros, at most 19 digits (see {@link MAX_POSITION}). */
export const POSITION_PATTERN = /^(0|[1-9][0-9]{0,18})$/;
/**
 * The largest position a caller may name (docs/api.md §1): 2^63 − 1, the largest SQLite integer
 * and the largest signed 64-bit value EventStoreDB's positions are carried in. A larger one is a
 * 400, never a store error.
 */
export const MAX_POSITION = 2n ** 63n - 1n;
/** Whether a text is a ledger position a caller may name: {@link POSITION_PATTERN} and at most {@link MAX_POSITION}. */
export const isPosition = (text: unknown): text is string => typeof text === 'string' && POSITION_PATTERN.test(text) && BigInt(text) <= MAX_POSITION;
/** What {@link isPosition} asks for, in words. */
export const POSITION_RULE = 'must be a ledger position (a decimal integer from 0 to 9223372036854775807)';
export const parsePosition = (text: string): Position => {
  if (!isPosition(text)) throw new RangeError(`not a ledger position: ${text}`);
  return BigInt(text);
};
