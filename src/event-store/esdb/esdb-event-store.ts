import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { ValidationFailed } from '../../common/errors.js';
import { prepareAppend, type PreparedEvent } from '../append-validation.js';
import {
  DuplicateEventIdError,
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
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { GENESIS_HASH, hashCanonicalEvent } from '../hash-chain.js';
import { DEFAULT_RETRY, unavailable, withRetry, type RetryPolicy } from './esdb-errors.js';
import { EsdbSubscription } from './esdb-subscription.js';
import { HASH_KEY, isSystemEvent, toEsdbPosition, toRecordedEvent } from './esdb-records.js';
import { LogIndex, type StreamHead } from './log-index.js';

export interface EsdbEventStoreOptions {
  /** Retries of transient failures per call before EventStoreUnavailableError. */
  readonly retry?: RetryPolicy;
  /** Backoff of a subscription reconnecting (it never gives up while it runs). */
  readonly reconnect?: RetryPolicy;
  /** How long `ping()` waits for the server. Default 2 s. */
  readonly pingTimeoutMs?: number;
  /** How often an `any`/`stream-exists` append re-reads and re-chains after losing a race. Default 20. */
  readonly maxChainAttempts?: number;
}

const DEFAULT_RECONNECT: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 5_000 };
/** Events per page when reading $all in pages (system events are skipped, so pages may come back thinner). */
const PAGE_SIZE = 500;

const expectationHolds = (expected: ExpectedRevision, actual: Revision | 'no-stream'): boolean =>
  expected === 'any' ||
  (expected === 'no-stream' && actual === 'no-stream') ||
  (expected === 'stream-exists' && actual !== 'no-stream') ||
  expected === actual;

/**
 * The event store port on EventStoreDB through `@eventstore/db-client` (the only module of the
 * ledger that imports it). EventStoreDB provides streams, revisions, optimistic concurrency and
 * the global log; the adapter adds what the port promises beyond that:
 *
 * - **Hash chain.** Each event's hash (hash-chain.ts, identical to the embedded store's) is kept
 *   in its metadata under `$ledgerHash` and stripped on read. To chain, the adapter takes the
 *   stream's last revision and hash from its log index (log-index.ts, brought up to date from
 *   $all before every append) and appends with exactly that revision; an `any`/`stream-exists`
 *   append that loses a race re-reads and re-chains (bounded), an exact or `no-stream` one fails
 *   with the actual revision.
 * - **Idempotency by event id, forever.** The server's deduplication only covers recent writes,
 *   so ids are checked against the same index of the whole log before writing.
 * - **Positions.** The port's Position is the commit position (esdb-records.ts says why that is
 *   enough to read $all from it again). Appended events are read back for their positions and
 *   `recordedAt` (the server's `created`), which needs a server that reports positions on stream
 *   reads (EventStoreDB ≥ 22.6).
 * - **System events** (`$` types and streams) are invisible: skipped in readAll, the head and
 *   subscriptions.
 * - **Unavailability** is retried with bounded backoff, then surfaces as EventStoreUnavailableError.
 */
export class EsdbEventStore implements EventStore {
  private readonly retry: RetryPolicy;
  private readonly reconnect: RetryPolicy;
  private readonly pingTimeoutMs: number;
  private readonly maxChainAttempts: number;
  // Refreshed inside an append, which retries as a whole: the index reads without retrying.
  private readonly index = new LogIndex((after) => this.fetchLog(after ?? 0n, after, Number.MAX_SAFE_INTEGER));
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
    this.maxChainAttempts = options.maxChainAttempts ?? 20;
  }

  /** `esdb://…` or `esdb+discover://…`; connects lazily, so a server that is down does not stop the ledger from starting. */
  static connect(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const prepared = prepareAppend(stream, events, expected);
    const reserved = prepared.findIndex((event) => HASH_KEY in event.metadata);
    if (reserved >= 0) throw ValidationFailed.of(`events[${reserved}].metadata.${HASH_KEY}`, 'is reserved for the ledger hash');
    return withRetry(`appending to ${stream}`, this.retry, () => this.appendChained(stream, prepared, expected));
  }

  private async appendChained(stream: string, prepared: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const repeat = await this.findRepeat(stream, prepared);
      if (repeat) return repeat;
      // Fresh from the refresh findRepeat just made; the server checks it again on write.
      const head = this.index.head(stream);
      const actual = head?.revision ?? 'no-stream';
      if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);
      try {
        return await this.write(stream, prepared, head);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Another writer got in between our read and our write.
        const retryable = expected === 'any' || expected === 'stream-exists';
        if (retryable && attempt < this.maxChainAttempts) continue;
        const concurrentRepeat = await this.findRepeat(stream, prepared);
        if (concurrentRepeat) return concurrentRepeat;
        const current = error.actualVersion;
        throw new WrongExpectedRevisionError(stream, expected, current === 'no_stream' ? 'no-stream' : BigInt(current));
      }
    }
  }

  /** Appends chained to `last` with exactly its revision, then reads the events back as recorded. */
  private async write(stream: string, prepared: readonly PreparedEvent[], last: StreamHead | undefined): Promise<AppendResult> {
    const first = last === undefined ? 0n : last.revision + 1n;
    let previousHash = last?.hash ?? GENESIS_HASH;
    const proposed = prepared.map((event, i) => {
      previousHash = hashCanonicalEvent(stream, first + BigInt(i), event.type, event.dataJson, event.metadataJson, previousHash);
      return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, [HASH_KEY]: previousHash } });
    });
    await this.client.appendToStream(stream, proposed, { expectedRevision: last === undefined ? NO_STREAM : last.revision });
    const recorded = await this.fetchStream(stream, { fromRevision: first, maxCount: prepared.length });
    if (recorded.some((event, i) => event.id !== prepared[i].id)) {
      throw new Error(`stream ${stream} does not hold the events just appended at revision ${first}: was it written outside the ledger?`);
    }
    this.index.remember(recorded);
    return resultOf(recorded);
  }

  /**
   * The original answer when every id is already stored as this append's events (same stream,
   * consecutive revisions, same content); DuplicateEventIdError when any id is stored otherwise.
   */
  private async findRepeat(stream: string, prepared: readonly PreparedEvent[]): Promise<AppendResult | undefined> {
    await this.index.refresh();
    const hits = prepared.map((event) => this.index.lookup(event.id));
    const firstHit = hits.findIndex((hit) => hit !== undefined);
    if (firstHit < 0) return undefined;
    const offending = prepared[firstHit].id;
    const start = hits[0];
    if (!start || !hits.every((hit, i) => hit?.stream === stream && hit.revision === start.revision + BigInt(i))) {
      throw new DuplicateEventIdError(stream, offending);
    }
    const originals = await this.fetchStream(stream, { fromRevision: start.revision, maxCount: prepared.length });
    const same = (event: RecordedEvent, i: number): boolean =>
      event.id === prepared[i].id &&
      event.type === prepared[i].type &&
      canonicalJson(event.data) === prepared[i].dataJson &&
      canonicalJson(event.metadata) === prepared[i].metadataJson;
    if (originals.length !== prepared.length || !originals.every(same)) throw new DuplicateEventIdError(stream, offending);
    return resultOf(originals);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return withRetry(`reading ${stream}`, this.retry, () => this.fetchStream(stream, options, true));
  }

  /** Reads a stream once (no retry); a missing stream is `[]`, or StreamNotFoundError when `strict`. */
  private async fetchStream(stream: string, options: ReadStreamOptions, strict = false): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      });
      return (await collectResolved(read)).flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
    } catch (error) {
      if (!(error instanceof EsdbStreamNotFoundError)) throw error;
      if (strict) throw new StreamNotFoundError(stream);
      return [];
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return withRetry('reading $all', this.retry, () => this.fetchLog(options.fromPosition ?? 0n, undefined, options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  /**
   * Up to `maxCount` ledger events of $all from `from` (inclusive; 0 = the start), skipping
   * `after` and anything before it. Read in pages because system events are dropped here, not by
   * the server (the client's readAll sends no filter).
   */
  private async fetchLog(from: Position, after: Position | undefined, maxCount: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let cursor = from;
    let skipUpTo = after;
    while (out.length < maxCount) {
      const want = maxCount === Number.MAX_SAFE_INTEGER ? maxCount : Math.min(PAGE_SIZE, maxCount - out.length + 1);
      const page = await collectResolved(this.client.readAll({ fromPosition: cursor === 0n ? START : toEsdbPosition(cursor), maxCount: want }));
      for (const { event } of page) {
        if (!event || isSystemEvent(event)) continue;
        const recorded = toRecordedEvent(event);
        if (skipUpTo !== undefined && recorded.position <= skipUpTo) continue;
        if (out.length < maxCount) out.push(recorded);
      }
      const lastPosition = page[page.length - 1]?.event?.position?.commit;
      if (page.length < want || lastPosition === undefined) break;
      // The next page starts at the last position read (inclusive), which is then skipped.
      cursor = lastPosition;
      skipUpTo = lastPosition;
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = new EsdbSubscription(this.client, options.from, handler, () => this.headPosition(), this.reconnect, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    let before: Position | undefined;
    for (;;) {
      const page = await withRetry('reading the head of $all', this.retry, () =>
        collectResolved(this.client.readAll({ direction: BACKWARDS, fromPosition: before === undefined ? END : toEsdbPosition(before), maxCount: 50 })),
      );
      for (const { event } of page) if (event && !isSystemEvent(event)) return event.position.commit;
      const oldest = page[page.length - 1]?.event?.position?.commit;
      if (page.length < 50 || oldest === undefined) return undefined;
      before = oldest;
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.pingTimeoutMs} ms`)), this.pingTimeoutMs);
    });
    try {
      await Promise.race([collectResolved(read), timeout]);
    } catch (error) {
      await read.cancel().catch(() => undefined);
      throw unavailable('ping', error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

const resultOf = (events: readonly RecordedEvent[]): AppendResult => {
  const last = events[events.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position, events };
};

async function collectResolved<E extends ResolvedEvent | AllStreamResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const resolved of read) out.push(resolved);
  return out;
}
