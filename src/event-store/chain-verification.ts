import { MalformedEventError, type EventStore, type Position, type RecordedEvent, type Revision } from './event-store.port.js';
import { computeEventHash, GENESIS_HASH } from './hash-chain.js';

/**
 * What went wrong at an event:
 * - `content`: its stored hash is not the hash of its content chained to its predecessor's hash
 *   (the event, or its predecessor's hash, was edited);
 * - `order`: its revision comes out of order in the log (revisions swapped or moved);
 * - `missing`: revisions before it in its stream are absent (an event was deleted).
 * A `content` problem is also an event in a ledger stream that is no ledger event at all (not
 * JSON, written around the ledger): verification stops there, as no read can go past it.
 */
export type ChainProblemKind = 'content' | 'order' | 'missing';

/** The first bad event in log order. */
export interface ChainProblem {
  readonly stream: string;
  readonly revision: Revision;
  readonly eventId: string;
  readonly position: Position;
  readonly problem: ChainProblemKind;
  readonly detail: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  /** Streams seen in the log. */
  readonly streams: number;
  readonly eventsChecked: number;
  /** The last position checked (undefined for an empty log). */
  readonly headPosition: Position | undefined;
  readonly firstProblem?: ChainProblem;
}

interface StreamHead {
  revision: Revision;
  hash: string;
}

/** A revision jump seen first: `order` if the skipped revisions turn up later in the log, else `missing`. */
interface PendingGap {
  readonly at: RecordedEvent;
  readonly after: StreamHead | undefined;
  readonly skippedFrom: Revision;
}

const PAGE_SIZE = 1000;
const short = (hash: string): string => hash.slice(0, 16) + '…';

const problemAt = (event: Pick<RecordedEvent, 'stream' | 'revision' | 'id' | 'position'>, problem: ChainProblemKind, detail: string): ChainProblem => ({
  stream: event.stream,
  revision: event.revision,
  eventId: event.id,
  position: event.position,
  problem,
  detail,
});

/**
 * Walks the whole global log through the port, in pages, and checks every stream's chain: that
 * its revisions come 0, 1, 2, … in position order and that every event's hash recomputes from its
 * content and its predecessor's hash. Chains are per stream (no global chain, no global lock), so
 * this works whatever number of processes wrote the log. Reports the first bad event by position.
 * (Deleting the last events of a stream leaves a shorter valid chain: per-stream chains cannot
 * see that; a checkpoint of the log's Merkle tree does.) `observe`, when given, sees every event
 * in log order as it is checked, so that one read of the log serves further checks.
 */
export async function verifyChains(store: EventStore, observe?: (event: RecordedEvent) => void): Promise<ChainVerification> {
  const heads = new Map<string, StreamHead>();
  let eventsChecked = 0;
  let headPosition: Position | undefined;
  let firstProblem: ChainProblem | undefined;
  let pending: PendingGap | undefined;

  for await (const event of logEvents(store)) {
    if (event instanceof MalformedEventError) {
      firstProblem ??= problemAt(
        { stream: event.stream, revision: event.revision, id: event.eventId, position: event.position ?? headPosition ?? 0n },
        'content',
        `not a ledger event (${event.reason}); verification stops there`,
      );
      break;
    }
    observe?.(event);
    eventsChecked++;
    headPosition = event.position;
    const head = heads.get(event.stream);
    heads.set(event.stream, { revision: event.revision, hash: event.hash });
    if (pending && event.stream === pending.at.stream && event.revision >= pending.skippedFrom && event.revision < pending.at.revision) {
      firstProblem = problemAt(
        pending.at,
        'order',
        `revision ${pending.at.revision} of ${pending.at.stream} comes before revision ${event.revision} (position ${event.position})`,
      );
      pending = undefined;
    }
    if (firstProblem || pending) continue;
    const expected = head ? head.revision + 1n : 0n;
    if (event.revision < expected) {
      firstProblem = problemAt(event, 'order', `revision ${event.revision} of ${event.stream} comes after revision ${head?.revision}`);
    } else if (event.revision > expected) {
      pending = { at: event, after: head, skippedFrom: expected };
    } else {
      const recomputed = computeEventHash({ ...event, previousHash: head?.hash ?? GENESIS_HASH });
      if (recomputed !== event.hash) {
        firstProblem = problemAt(
          event,
          'content',
          `stored hash ${short(event.hash)} is not the hash of its content chained to the previous revision (${short(recomputed)})`,
        );
      }
    }
  }
  if (pending) {
    const { at, after, skippedFrom } = pending;
    const missing = skippedFrom === at.revision - 1n ? `revision ${skippedFrom} is` : `revisions ${skippedFrom}–${at.revision - 1n} are`;
    firstProblem = problemAt(
      at,
      'missing',
      `${missing} missing from ${at.stream}: revision ${at.revision} follows ${after ? `revision ${after.revision}` : 'the start of the stream'}`,
    );
  }
  const summary = { streams: heads.size, eventsChecked, headPosition };
  return firstProblem ? { ok: false, ...summary, firstProblem } : { ok: true, ...summary };
}

/**
 * The log's events in order, read in pages. Each page starts at the last position seen
 * (inclusive) rather than one past it: EventStoreDB positions have gaps, and a read from a
 * position that holds no event is refused. A malformed event fails the read of its page: the
 * page is then read again one event at a time, up to it, and it ends the sequence.
 */
async function* logEvents(store: EventStore): AsyncGenerator<RecordedEvent | MalformedEventError> {
  let pageSize = PAGE_SIZE;
  for (let from: Position | undefined; ; ) {
    const count = from === undefined ? pageSize : pageSize + 1;
    let page: RecordedEvent[];
    try {
      page = await store.readAll({ fromPosition: from ?? 0n, maxCount: count });
    } catch (error) {
      if (!(error instanceof MalformedEventError)) throw error;
      if (pageSize === 1) {
        yield error;
        return;
      }
      pageSize = 1;
      continue;
    }
    for (const event of page) if (from === undefined || event.position > from) yield event;
    if (page.length < count) return;
    from = page[page.length - 1].position;
  }
}
