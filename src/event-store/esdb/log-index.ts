import type { Position, Revision } from '../event-store.port.js';

/** Where an event id is stored. */
export interface StoredAt {
  readonly stream: string;
  readonly revision: Revision;
}

/** A stream's last event: what the next append chains to. */
export interface StreamHead {
  readonly revision: Revision;
  readonly hash: string;
}

/** What the index keeps of a ledger event (a malformed one has no hash to chain to: ''). */
export interface IndexedEvent extends StoredAt {
  readonly id: string;
  readonly hash: string;
}

/** One page of $all: its ledger events, and the position of the last record read (any kind), where the next page starts. */
export interface IndexPage {
  readonly events: readonly IndexedEvent[];
  readonly last: Position | undefined;
}

/**
 * What the adapter knows of the global log to append correctly: where every event id is stored,
 * and each stream's last revision and hash. EventStoreDB only deduplicates ids it saw recently
 * and only at the stream's current position, so this index is what answers repeats forever and
 * refuses an id reused in another stream (the port's contract).
 *
 * Learnt from $all (incrementally, from the last position seen, one page at a time: memory is
 * the index plus one page, never the log) and from this instance's own appends; foreign events
 * are not in it. The cost is memory in proportion to the ledger's events (an id and a stream
 * name per event), as the ledger's in-memory projections already have. It is as fresh as its
 * last refresh: an append still states the revision it chained to, so the server refuses it if
 * another writer got in between, and a repeat is recognised by content on every path. A
 * concurrent append by another process with the same ids in another stream, between this
 * instance's refresh and its write, is not caught: EventStoreDB offers no atomic check across
 * streams.
 */
export class LogIndex {
  private readonly ids = new Map<string, StoredAt>();
  private readonly heads = new Map<string, StreamHead>();
  private after: Position | undefined;
  private refreshing: Promise<void> | undefined;

  /** `pagesAfter(p)`: the log's pages strictly after `p` (from the start when undefined), in order. */
  constructor(private readonly pagesAfter: (after: Position | undefined) => AsyncIterable<IndexPage>) {}

  lookup(id: string): StoredAt | undefined {
    return this.ids.get(id);
  }

  head(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  remember(events: readonly IndexedEvent[]): void {
    for (const event of events) {
      this.ids.set(event.id, { stream: event.stream, revision: event.revision });
      // Never backwards: a refresh that began before this instance's own append may end after it.
      const head = this.heads.get(event.stream);
      if (!head || event.revision > head.revision) this.heads.set(event.stream, { revision: event.revision, hash: event.hash });
    }
  }

  /** Reads what the log gained since the last refresh, page by page. Concurrent callers share one read. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readPages().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readPages(): Promise<void> {
    for await (const page of this.pagesAfter(this.after)) {
      this.remember(page.events);
      if (page.last !== undefined) this.after = page.last;
    }
  }
}
