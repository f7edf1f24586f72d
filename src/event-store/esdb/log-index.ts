import type { Position, RecordedEvent, Revision } from '../event-store.port.js';

/** Where an event id is stored. */
export interface StoredAt {
  readonly stream: string;
  readonly revision: Revision;
}

/**
 * Which event ids the global log holds, and where. EventStoreDB only deduplicates ids it saw
 * recently and only at the stream's current position, so the adapter keeps its own index to
 * answer repeats forever and to refuse an id reused in another stream (the port's contract).
 *
 * Learnt from $all (incrementally, from the last position seen) and from this instance's own
 * appends. The cost is memory in proportion to the log (an id and a stream name per event), as
 * the ledger's in-memory projections already have. A concurrent append by another process with
 * the same ids in another stream, between this instance's refresh and its write, is not caught:
 * EventStoreDB offers no atomic check across streams.
 */
export class EventIdIndex {
  private readonly ids = new Map<string, StoredAt>();
  private after: Position | undefined;
  private refreshing: Promise<void> | undefined;

  /** `readAfter(p)`: the log's events strictly after `p` (from the start when undefined), in order. */
  constructor(private readonly readAfter: (after: Position | undefined) => Promise<RecordedEvent[]>) {}

  lookup(id: string): StoredAt | undefined {
    return this.ids.get(id);
  }

  remember(events: readonly RecordedEvent[]): void {
    for (const event of events) this.ids.set(event.id, { stream: event.stream, revision: event.revision });
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
