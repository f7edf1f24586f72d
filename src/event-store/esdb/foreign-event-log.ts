import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { StoreLog } from '../store-log.js';

/**
 * Counts the foreign events the adapter skips (events of $all that are neither the ledger's nor
 * the server's) and says so in the log: at once for the first, then at most one line per
 * interval with how many more, so a busy neighbour on the same server cannot flood the log.
 * Each read of $all (index, head, reads, subscriptions) skips the same events again, so the
 * count is of skips, not of distinct events.
 */
export class ForeignEventLog {
  private pending = 0;
  private total = 0;
  private sample: string | undefined;
  private lastLine = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: StoreLog,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  skipped(event: EsdbRecordedEvent): void {
    this.pending++;
    this.total++;
    this.sample ??= `${event.streamId}@${event.revision} (${event.type}, ${event.isJson ? 'JSON' : 'not JSON'})`;
    if (this.now() - this.lastLine >= this.intervalMs) this.flush();
  }

  /** Skips counted so far (for tests and diagnostics). */
  count(): number {
    return this.total;
  }

  private flush(): void {
    this.log(
      'warn',
      `skipped ${this.pending} foreign event(s) in $all (${this.total} since start), e.g. ${this.sample}: ` +
        `events of other applications' streams are not the ledger's and are ignored`,
    );
    this.pending = 0;
    this.sample = undefined;
    this.lastLine = this.now();
  }
}
