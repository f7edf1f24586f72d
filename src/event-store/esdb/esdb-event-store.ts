import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ValidationFailed } from '../../common/errors.js';
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
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { GENESIS_HASH, hashCanonicalEvent } from '../hash-chain.js';
import { checkedBigint, checkedMaxCount, notAnEventPosition } from '../read-validation.js';
import { DEFAULT_RETRY, isInvalidPosition, unavailable, withRetry, type RetryPolicy } from './esdb-errors.js';
import { EsdbSubscription } from './esdb-subscription.js';
import { HASH_KEY, LedgerEvents, toEsdbPosition } from './esdb-records.js';
import { ForeignEventLog } from './foreign-event-log.js';
import { SILENT, type StoreLog } from '../store-log.js';

export interface EsdbEventStoreOptions {
  /** Retries of transient failures per call before EventStoreUnavailableError. */
  readonly retry?: RetryPolicy;
  /** Backoff of a subscription reconnecting (it never gives up while it runs). */
  readonly reconnect?: RetryPolicy;
  /** How long `ping()` waits for the server. Default 2 s. */
  readonly pingTimeoutMs?: number;
  /** How often an `any`/`stream-exists` append re-reads and re-chains after losing a race. Default 20. */
  readonly maxChainAttempts?: number;
  /**
   * The prefixes of the ledger's own streams (`regime-`, `transfer-`, …): an event there that is
   * not a ledger event is an error, not a foreign event to skip (esdb-records.ts). Default none:
   * only events written through this adapter (they carry its hash) are the ledger's.
   */
  readonly ledgerStreamPrefixes?: readonly string[];
  /** Where the adapter says what it skipped or retries (foreign events, access denied). Default: nowhere. */
  readonly log?: StoreLog;
  /** Records per read of $all (each page is all the adapter holds of the log at once). Default 500. */
  readonly pageSize?: number;
}

const DEFAULT_RECONNECT: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 5_000 };
const PAGE_SIZE = 500;
/** Every call goes to the leader: a follower would answer reads from a copy that may lag behind. */
const LEADER = { requiresLeader: true } as const;

const expectationHolds = (expected: ExpectedRevision, actual: Revision | 'no-stream'): boolean =>
  expected === 'any' ||
  (expected === 'no-stream' && actual === 'no-stream') ||
  (expected === 'stream-exists' && actual !== 'no-stream') ||
  expected === actual;

/** The same event by content: what makes a repeat a repeat, not the id alone. */
const sameContent = (event: RecordedEvent, prepared: PreparedEvent): boolean =>
  event.id === prepared.id &&
  event.type === prepared.type &&
  canonicalJson(event.data) === prepared.dataJson &&
  canonicalJson(event.metadata) === prepared.metadataJson;

/**
 * The event store port on EventStoreDB through `@eventstore/db-client` (the only module of the
 * ledger that imports it). EventStoreDB provides streams, revisions, optimistic concurrency and
 * the global log; the adapter adds what the port promises beyond that:
 *
 * - **The leader, always.** Every read, subscription and append is sent with `requires-leader`:
 *   a follower answers it with the leader's address (NotLeader), which the client follows, so
 *   nothing is read from a copy that lags behind. Answers that could still come back short (an
 *   append's read-back) are retried, never taken as they are.
 * - **Hash chain.** Each event's hash (hash-chain.ts, identical to the embedded store's) is kept
 *   in its metadata under `$ledgerHash` and stripped on read. To chain, the adapter reads the
 *   target stream's last event (its revision and hash) and appends with exactly that revision;
 *   an `any`/`stream-exists` append that loses a race re-reads and re-chains (bounded), an exact
 *   or `no-stream` one fails with the actual revision.
 * - **Idempotency by event id and content, in the target stream.** The server's deduplication
 *   only covers recent writes, and an exact-revision repeat of stored ids is a success to it
 *   whatever the content. The adapter looks for the ids in the target stream only, where the
 *   port says a repeat is (lookAtStream): after the revision an exact or `no-stream` append
 *   expects, anywhere for `any`/`stream-exists`; and what the server says it stored is read back
 *   and compared by content (DuplicateEventIdError when the content differs). Nothing of the
 *   log is kept between appends, so an instance's memory does not grow with the log.
 * - **Positions.** The port's Position is the commit position (esdb-records.ts says why that is
 *   enough to read $all from it again). A position that is not an event's is refused
 *   (ValidationFailed on `fromPosition`), as the server refuses to read from inside a record.
 *   Appended events are read back for their positions and `recordedAt` (the server's `created`),
 *   which needs a server that reports positions on stream reads (EventStoreDB ≥ 22.6).
 * - **Only the ledger's events.** System events and foreign events (other applications' streams,
 *   non-JSON, unknown types: esdb-records.ts) are skipped in reads, the head and
 *   subscriptions; foreign ones are counted in the log. A malformed event in a ledger stream is
 *   an error naming it.
 * - **Memory.** $all is read in pages everywhere (reads, head, verification); a subscription's catch-up
 *   is paged by the server and held back by gRPC flow control.
 * - **Unavailability** is retried with bounded backoff, then surfaces as EventStoreUnavailableError.
 */
export class EsdbEventStore implements EventStore {
  private readonly retry: RetryPolicy;
  private readonly reconnect: RetryPolicy;
  private readonly pingTimeoutMs: number;
  private readonly maxChainAttempts: number;
  private readonly pageSize: number;
  private readonly log: StoreLog;
  /** Foreign events skipped so far, and the log line about them. */
  readonly foreign: ForeignEventLog;
  private readonly events: LedgerEvents;
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
    this.maxChainAttempts = options.maxChainAttempts ?? 20;
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.log = options.log ?? SILENT;
    this.foreign = new ForeignEventLog(this.log);
    this.events = new LedgerEvents(options.ledgerStreamPrefixes ?? [], this.foreign);
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
      const seen = await this.lookAtStream(stream, prepared, expected);
      if (seen.repeat) return seen.repeat;
      const actual = seen.head?.revision ?? 'no-stream';
      if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);
      try {
        return await this.write(stream, prepared, seen.head);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Another writer got in between our read and our write.
        const retryable = expected === 'any' || expected === 'stream-exists';
        if (retryable && attempt < this.maxChainAttempts) continue;
        const concurrent = await this.lookAtStream(stream, prepared, expected);
        if (concurrent.repeat) return concurrent.repeat;
        const current = error.actualVersion;
        throw new WrongExpectedRevisionError(stream, expected, current === 'no_stream' ? 'no-stream' : BigInt(current));
      }
    }
  }

  /**
   * Appends chained to `last` with exactly its revision, then reads the events back as recorded.
   * The server answers success without writing when the events after that revision already
   * carry these ids (its idempotency check compares ids only), so what it holds is compared with
   * what was sent: other content under these ids is another writer's append, not ours.
   */
  private async write(stream: string, prepared: readonly PreparedEvent[], last: StreamHead | undefined): Promise<AppendResult> {
    const first = last === undefined ? 0n : last.revision + 1n;
    let previousHash = last?.hash ?? GENESIS_HASH;
    const hashes: string[] = [];
    const proposed = prepared.map((event, i) => {
      previousHash = hashCanonicalEvent(stream, first + BigInt(i), event.type, event.dataJson, event.metadataJson, previousHash);
      hashes.push(previousHash);
      return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, [HASH_KEY]: previousHash } });
    });
    await this.client.appendToStream(stream, proposed, { expectedRevision: last === undefined ? NO_STREAM : last.revision, ...LEADER });
    const recorded = await this.fetchStream(stream, { fromRevision: first, maxCount: prepared.length });
    if (recorded.length < prepared.length) {
      // The append was acknowledged, so the events are there: a read that misses them is behind (retryable).
      throw new EventStoreUnavailableError(`EventStoreDB acknowledged the append to ${stream} but read back ${recorded.length} of its ${prepared.length} event(s)`);
    }
    recorded.forEach((event, i) => {
      if (event.id !== prepared[i].id) {
        throw new Error(`stream ${stream} does not hold the events just appended at revision ${first}: was it written outside the ledger?`);
      }
      if (!sameContent(event, prepared[i]) || event.hash !== hashes[i]) throw new DuplicateEventIdError(stream, prepared[i].id);
    });
    return resultOf(recorded);
  }

  /**
   * Reads of the target stream what this append needs, and nothing of the rest of the log: the
   * stream's last event (what the append chains to), and the events where a first append of these
   * ids would be. With an exact revision R that is revisions R+1 … R+n, with `no-stream` 0 … n−1
   * (where the server itself looks for a repeat): one read of at most n+1 events from R, whatever
   * the stream's length, and one more of its last event when the stream is not where expected.
   * With `any` or `stream-exists`: the whole stream, backwards in pages, until every id is found
   * or its first event is read (the ledger appends so only to the seal stream).
   */
  private async lookAtStream(stream: string, prepared: readonly PreparedEvent[], expected: ExpectedRevision): Promise<StreamSeen> {
    if (expected === 'any' || expected === 'stream-exists') return this.scanStream(stream, prepared);
    const from = expected === 'no-stream' ? 0n : expected;
    const read = await this.fetchStream(stream, { fromRevision: from, maxCount: prepared.length + 1 });
    const after = expected === 'no-stream' ? read : read.filter((event) => event.revision > expected);
    const repeat = repeatAmong(stream, prepared, expected, after);
    if (repeat) return { repeat };
    if (after.length === 0 && (expected === 'no-stream' ? read.length === 0 : read[0]?.revision === expected)) {
      return { head: expected === 'no-stream' ? undefined : headOf(read[0]) };
    }
    // The stream is elsewhere than expected (the caller's append fails): say where.
    const [last] = await this.fetchStream(stream, { direction: 'backwards', maxCount: 1 });
    return { head: last && headOf(last) };
  }

  /** The whole stream, from its end, for an `any`/`stream-exists` append: its head and any of the ids stored in it. */
  private async scanStream(stream: string, prepared: readonly PreparedEvent[]): Promise<StreamSeen> {
    const wanted = new Set(prepared.map((event) => event.id));
    const found: RecordedEvent[] = [];
    let head: StreamHead | undefined;
    let before: Revision | undefined;
    while (before === undefined || before > 0n) {
      const page = await this.fetchStream(stream, { direction: 'backwards', fromRevision: before === undefined ? undefined : before - 1n, maxCount: this.pageSize });
      if (page.length === 0) break;
      head ??= headOf(page[0]);
      for (const event of page) if (wanted.has(event.id)) found.push(event);
      if (found.length === wanted.size || page.length < this.pageSize) break;
      before = page[page.length - 1].revision;
    }
    const repeat = repeatAmong(stream, prepared, 'any', found.reverse());
    return repeat ? { repeat } : { head };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    checkedMaxCount(options.maxCount);
    checkedBigint('fromRevision', options.fromRevision, 0n);
    return withRetry(`reading ${stream}`, this.retry, () => this.fetchStream(stream, options, true));
  }

  /** Reads a stream once (no retry) from the leader; a missing stream is `[]`, or StreamNotFoundError when `strict`. */
  private async fetchStream(stream: string, options: ReadStreamOptions, strict = false): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
        ...LEADER,
      });
      return (await collectResolved(read)).flatMap(({ event }) => (event ? [this.events.strict(event)] : []));
    } catch (error) {
      if (!(error instanceof EsdbStreamNotFoundError)) throw error;
      if (strict) throw new StreamNotFoundError(stream);
      return [];
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = checkedMaxCount(options.maxCount) ?? Number.MAX_SAFE_INTEGER;
    const from = checkedBigint('fromPosition', options.fromPosition, 0n);
    return withRetry('reading $all', this.retry, async () => {
      const out: RecordedEvent[] = [];
      // A page holds the record it starts from (skipped after the first), so ask for one more.
      for await (const page of this.pagesOfAll(from, Math.min(this.pageSize, maxCount + 1))) {
        for (const record of page.records) {
          const classified = this.events.classify(record);
          if (classified.kind === 'malformed') throw classified.error;
          if (classified.kind === 'ledger') out.push(classified.event);
          if (out.length >= maxCount) return out;
        }
      }
      return out;
    });
  }

  /**
   * $all forwards from `from` (inclusive; 0 = the start) in pages of records of every kind, each
   * page starting at the last record of the one before (skipped), until the end of the log. A
   * start the server refuses (not a record's position) is the caller's error.
   */
  private async *pagesOfAll(from: Position, pageSize = this.pageSize): AsyncGenerator<{ records: EsdbRecordedEvent[]; last: Position | undefined }> {
    let cursor = from;
    let skipUpTo: Position | undefined;
    for (;;) {
      let page: (ResolvedEvent | AllStreamResolvedEvent)[];
      try {
        page = await collectResolved(this.client.readAll({ fromPosition: cursor === 0n ? START : toEsdbPosition(cursor), maxCount: pageSize, ...LEADER }));
      } catch (error) {
        if (skipUpTo === undefined && isInvalidPosition(error)) throw notAnEventPosition('fromPosition');
        throw error;
      }
      const records = page.flatMap(({ event }) => (event && (skipUpTo === undefined || event.position!.commit > skipUpTo) ? [event] : []));
      const last = page[page.length - 1]?.event?.position?.commit;
      yield { records, last };
      if (page.length < pageSize || last === undefined) return;
      cursor = last;
      skipUpTo = last;
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    if (options.from !== 'start') checkedBigint('from.after', options.from?.after, 0n);
    const subscription = new EsdbSubscription({
      client: this.client,
      start: options.from,
      handler,
      head: () => this.headPosition(),
      reconnect: this.reconnect,
      events: this.events,
      log: this.log,
      onFinished: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The last ledger event's position (foreign and system events after it do not count), read backwards from the leader in pages. */
  async headPosition(): Promise<Position | undefined> {
    const pageSize = 50;
    let before: Position | undefined;
    for (;;) {
      const page = await withRetry('reading the head of $all', this.retry, () =>
        collectResolved(this.client.readAll({ direction: BACKWARDS, fromPosition: before === undefined ? END : toEsdbPosition(before), maxCount: pageSize, ...LEADER })),
      );
      for (const { event } of page) if (event && this.events.classify(event).kind !== 'skipped') return event.position.commit;
      const oldest = page[page.length - 1]?.event?.position?.commit;
      if (page.length < pageSize || oldest === undefined) return undefined;
      before = oldest;
    }
  }

  /** Answers once the leader answers within the timeout (a NotLeader on the way is followed at once). */
  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let read: ReturnType<EventStoreDBClient['readAll']> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.pingTimeoutMs} ms`)), this.pingTimeoutMs);
    });
    const askLeader = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, ...LEADER });
        try {
          await collectResolved(read);
          return;
        } catch (error) {
          // The client now knows the leader's address: ask there.
          if (!(error instanceof NotLeaderError) || attempt >= 3) throw error;
        }
      }
    };
    try {
      await Promise.race([askLeader(), timeout]);
    } catch (error) {
      await read?.cancel().catch(() => undefined);
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

/** A stream's last event: what the next append chains to. */
interface StreamHead {
  readonly revision: Revision;
  readonly hash: string;
}

/** What an append found in its target stream: the original answer of a repeat, or the stream's head (none: no stream). */
type StreamSeen = { readonly repeat: AppendResult; readonly head?: undefined } | { readonly repeat?: undefined; readonly head: StreamHead | undefined };

const headOf = (event: RecordedEvent): StreamHead => ({ revision: event.revision, hash: event.hash });

/**
 * The original answer when `candidates` (events of `stream`, in revision order) hold every id of
 * the append as its events: consecutive revisions from where an append expecting `expected` put
 * them, same order, same content. Undefined when they hold none of its ids (or such events
 * elsewhere); DuplicateEventIdError when they hold some otherwise.
 */
function repeatAmong(stream: string, prepared: readonly PreparedEvent[], expected: ExpectedRevision, candidates: readonly RecordedEvent[]): AppendResult | undefined {
  const byId = new Map(candidates.map((event) => [event.id, event]));
  const hits = prepared.map((event) => byId.get(event.id));
  const firstHit = hits.findIndex((hit) => hit !== undefined);
  if (firstHit < 0) return undefined;
  const start = hits[0];
  const isRepeat = start !== undefined && hits.every((hit, i) => hit !== undefined && hit.revision === start.revision + BigInt(i) && sameContent(hit, prepared[i]));
  if (!isRepeat) throw new DuplicateEventIdError(stream, prepared[firstHit].id);
  // The same events, but not where this append would have put them: the conflict it is (as on SQLite).
  if (!isWhereARepeatIs(expected, start.revision)) return undefined;
  return resultOf(hits as RecordedEvent[]);
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
