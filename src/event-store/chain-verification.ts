import { canonicalJson } from '../common/canonical-json.js';
import { MalformedEventError, type EventStore, type Position, type RecordedEvent, type ReadAllOptions, type Revision, type StoredEvent } from './event-store.port.js';
import { GENESIS_HASH, hashCanonicalEvent } from './hash-chain.js';

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

/** The last event seen of a stream (updated in place: one object per stream, not per event). */
interface StreamHead {
  revision: Revision;
  hash: string;
}

/** A revision jump seen first: `order` if the skipped revisions turn up later in the log, else `missing`. */
interface PendingGap {
  readonly at: StoredEvent;
  /** The revision seen before the jump (undefined: the stream's first event seen). */
  readonly afterRevision: Revision | undefined;
  readonly skippedFrom: Revision;
}

/** Events per read: large pages for a store that hands out stored text (cheap rows), the port's usual otherwise. */
const STORED_PAGE_SIZE = 10_000;
const PAGE_SIZE = 1000;
const short = (hash: string): string => hash.slice(0, 16) + '…';

const problemAt = (event: Pick<StoredEvent, 'stream' | 'revision' | 'id' | 'position'>, problem: ChainProblemKind, detail: string): ChainProblem => ({
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
 *
 * The log is read as stored text where the store offers it ({@link EventStore.readAllStored}) and
 * each event hashed as stored ({@link recomputedHash}); no event is parsed unless its hash does
 * not match its bytes. Nothing is allocated per event but what the store hands out.
 */
export async function verifyChains(store: EventStore, observe?: (event: StoredEvent) => void): Promise<ChainVerification> {
  const heads = new Map<string, StreamHead>();
  let eventsChecked = 0;
  let headPosition: Position | undefined;
  let firstProblem: ChainProblem | undefined;
  let pending: PendingGap | undefined;

  pages: for await (const page of logPages(store)) {
    if (page instanceof MalformedEventError) {
      firstProblem ??= problemAt(
        { stream: page.stream, revision: page.revision, id: page.eventId, position: page.position ?? headPosition ?? 0n },
        'content',
        `not a ledger event (${page.reason}); verification stops there`,
      );
      break pages;
    }
    for (const event of page) {
      observe?.(event);
      eventsChecked++;
      headPosition = event.position;
      const head = heads.get(event.stream);
      const previousRevision = head?.revision;
      const previousHash = head?.hash ?? GENESIS_HASH;
      if (head) {
        head.revision = event.revision;
        head.hash = event.hash;
      } else {
        heads.set(event.stream, { revision: event.revision, hash: event.hash });
      }
      if (pending && event.stream === pending.at.stream && event.revision >= pending.skippedFrom && event.revision < pending.at.revision) {
        firstProblem = problemAt(
          pending.at,
          'order',
          `revision ${pending.at.revision} of ${pending.at.stream} comes before revision ${event.revision} (position ${event.position})`,
        );
        pending = undefined;
      }
      if (firstProblem || pending) continue;
      const expected = previousRevision === undefined ? 0n : previousRevision + 1n;
      if (event.revision < expected) {
        firstProblem = problemAt(event, 'order', `revision ${event.revision} of ${event.stream} comes after revision ${previousRevision}`);
      } else if (event.revision > expected) {
        pending = { at: event, afterRevision: previousRevision, skippedFrom: expected };
      } else {
        const recomputed = recomputedHash(event, previousHash);
        if (recomputed !== event.hash) {
          firstProblem = problemAt(
            event,
            'content',
            recomputed === undefined
              ? 'its stored data or metadata is not JSON'
              : `stored hash ${short(event.hash)} is not the hash of its content chained to the previous revision (${short(recomputed)})`,
          );
        }
      }
    }
  }
  if (pending) {
    const { at, afterRevision, skippedFrom } = pending;
    const missing = skippedFrom === at.revision - 1n ? `revision ${skippedFrom} is` : `revisions ${skippedFrom}–${at.revision - 1n} are`;
    firstProblem = problemAt(
      at,
      'missing',
      `${missing} missing from ${at.stream}: revision ${at.revision} follows ${afterRevision !== undefined ? `revision ${afterRevision}` : 'the start of the stream'}`,
    );
  }
  const summary = { streams: heads.size, eventsChecked, headPosition };
  return firstProblem ? { ok: false, ...summary, firstProblem } : { ok: true, ...summary };
}

/**
 * The event's chain hash recomputed (hash-chain.ts), or undefined when its stored text is not JSON.
 *
 * The hash is defined over the canonical JSON of the content, and the ledger stores exactly that
 * text (append-validation.ts encodes it once, for the row and for the hash), so the stored bytes
 * are hashed as they are: when that gives the stored hash, the event verifies, as it would
 * re-encoded, because text whose hash the ledger computed is canonical. Only a hash someone
 * computed over non-canonical text outside the ledger would pass here and not re-encoded; such a
 * person could as well have written canonical text, which no chain can tell from the original,
 * and an event covered by a checkpoint has its original hash (else the root differs), hence its
 * original, canonical bytes. When the bytes do not give the stored hash, the content is parsed
 * and re-encoded as before: the same content stored in other bytes (another key order,
 * whitespace) still verifies, as it did when every event was parsed.
 */
function recomputedHash(event: StoredEvent, previousHash: string): string | undefined {
  const { stream, revision, type, dataJson, metadataJson } = event;
  const asStored = hashCanonicalEvent(stream, revision, type, dataJson, metadataJson, previousHash);
  if (asStored === event.hash) return asStored;
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(dataJson);
    metadata = JSON.parse(metadataJson);
  } catch {
    return undefined;
  }
  return hashCanonicalEvent(stream, revision, type, canonicalJson(data), canonicalJson(metadata), previousHash);
}

/** A recorded event as stored text, for a store that only hands out parsed events: canonical JSON is what its hash covers. */
const storedOf = (event: RecordedEvent): StoredEvent => ({
  id: event.id,
  type: event.type,
  stream: event.stream,
  revision: event.revision,
  position: event.position,
  dataJson: canonicalJson(event.data),
  metadataJson: canonicalJson(event.metadata),
  hash: event.hash,
});

/**
 * The log's events in order, read in pages. Each page starts at the last position seen
 * (inclusive) rather than one past it: EventStoreDB positions have gaps, and a read from a
 * position that holds no event is refused. A malformed event fails the read of its page: the
 * page is then read again one event at a time, up to it, and it ends the sequence.
 */
async function* logPages(store: EventStore): AsyncGenerator<readonly StoredEvent[] | MalformedEventError> {
  const readStored = store.readAllStored?.bind(store);
  const read = readStored ?? (async (options: ReadAllOptions) => (await store.readAll(options)).map(storedOf));
  let pageSize = readStored ? STORED_PAGE_SIZE : PAGE_SIZE;
  for (let from: Position | undefined; ; ) {
    const count = from === undefined ? pageSize : pageSize + 1;
    let page: StoredEvent[];
    try {
      page = await read({ fromPosition: from ?? 0n, maxCount: count });
    } catch (error) {
      if (!(error instanceof MalformedEventError)) throw error;
      if (pageSize === 1) {
        yield error;
        return;
      }
      pageSize = 1;
      continue;
    }
    const after = from;
    yield after === undefined ? page : page.filter((event) => event.position > after);
    if (page.length < count) return;
    from = page[page.length - 1].position;
  }
}
