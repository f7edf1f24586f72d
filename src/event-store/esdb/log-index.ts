import type { Position, RecordedEvent, Revision } from '../event-store.port.js';

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

/**
 * What the adapter knows of the global log to append correctly: where every event id is stored,
 * and each stream's last revision and hash. EventStoreDB only deduplicates ids it saw recently
 * and only at the stream's current position, so this index is what answers repeats forever and
 * refuses an id reused in another stream (the port's contract).
 *
 * Learnt from $all (incrementally, from the last position seen) and from this instance's own
 * appends. The cost is memory in proportion to the log (an id and a stream name per event), as
 * the ledger's in-memory projections already have. It is as fresh as its last refresh: an append
 * still states the revision it chained to, so the server refuses it if another writer got in
 * between. A concurrent append by another process with the same ids in another stream, between
 * this instance's refresh and its write, is not caught: EventStoreDB offers no atomic check across
 * streams.
 */
export class LogIndex {
  private readonly ids = new Map<string, StoredAt>();
  private readonly heads = new Map<string, StreamHead>();
  private after: Position | undefined;
  private refreshing: Promise<void> | undefined;

  /** `readAfter(p)`: the log's events strictly after `p` (from the start when undefined), in order. */
  constructor(private readonly readAfter: (after: Position | undefined) => Promise<RecordedEvent[]>) {}

  lookup(id: string): StoredAt | undefined {
    return this.ids.get(id);
  }

  head(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  remember(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.ids.set(event.id, { stream: event.stream, revision: event.revision });
      // Never backwards: a refresh that began before this instance's own append may end after it.
      const head = this.heads.get(event.stream);
      if (!head || event.revision > head.revision) this.heads.set(event.stream, { revision: event.revision, hash: event.hash });
    }
  }

  /** Reads what the log gained since the last refresh. Concurrent callers share one read. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readAfter(this.after)
      .then((events) => {
        this.remember(events);
        if (events.length > 0) this.after = events[events.length - 1].position;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
