import type { EventHandler, Position, RecordedEvent, Subscription, SubscriptionStart } from '../event-store.port.js';
import { caughtUpSignal } from '../caught-up-signal.js';

/**
 * Wakes waiting subscriptions when this process commits an append, so in-process delivery is
 * immediate; appends by other processes are picked up by the subscriptions' poll.
 */
export class AppendSignal {
  /** Bumped on every commit: a subscription that saw it change while it was busy reads again at once. */
  version = 0;
  /**
   * The events of this process's last commit, with the head before it: a subscription that has
   * delivered exactly up to `after` takes them from here instead of reading them back (every
   * position after `after` up to the last of them is one of them: the commit held the write lock).
   */
  committed?: { readonly after: Position; readonly events: readonly RecordedEvent[] };
  private readonly waiters = new Set<() => void>();

  /** A commit by this process (its events, after the head it started from), or a wake to read the log (undefined). */
  notify(committed?: AppendSignal['committed']): void {
    this.committed = committed;
    this.version++;
    for (const wake of [...this.waiters]) wake();
  }

  on(wake: () => void): void {
    this.waiters.add(wake);
  }

  off(wake: () => void): void {
    this.waiters.delete(wake);
  }
}

export interface PollingSource {
  /** Up to `max` events with position > `after`, in position order (committed ones only). */
  readAfter(after: Position, max: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** A read failure worth retrying at the next poll (lock contention, I/O) rather than stopping for. */
  isTransient(error: unknown): boolean;
  readonly signal: AppendSignal;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
}

/**
 * A subscription to the global log that reads "after the last delivered position" in a loop:
 * catch-up and live delivery are the same read, so there is no gap and no duplicate by
 * construction (positions are assigned in commit order under SQLite's write lock). It is caught
 * up when a read comes back short of a full page; then it waits for an in-process append or the
 * poll interval, whichever comes first.
 */
export class PollingSubscription implements Subscription {
  private readonly caughtUpSignal = caughtUpSignal();
  readonly caughtUp: Promise<void> = this.caughtUpSignal.promise;
  private readonly endedSignal = caughtUpSignal();
  readonly ended: Promise<void> = this.endedSignal.promise;
  private cursor: Position;
  private delivered: Position | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: PollingSource,
    start: SubscriptionStart,
    private readonly handler: EventHandler,
    private readonly onFinished: (subscription: PollingSubscription) => void,
  ) {
    // Positions start at 1, so "after 0" is the start of the log.
    this.cursor = start === 'start' ? 0n : start.after;
    this.finished = this.run();
  }

  lastPosition(): Position | undefined {
    return this.delivered;
  }

  /** Resolves once no handler runs any more. Do not await it from inside the handler: it waits for that handler. */
  stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { source } = this;
    try {
      while (!this.stopped) {
        const seen = source.signal.version;
        let page: readonly RecordedEvent[];
        const committed = source.signal.committed;
        try {
          page = committed?.after === this.cursor ? committed.events : await source.readAfter(this.cursor, source.pageSize);
        } catch (error) {
          // Only handler errors stop a subscription (the port's rule): a read that failed for
          // now is tried again at the next poll, from the same position.
          if (!source.isTransient(error)) throw error;
          await this.sleep();
          continue;
        }
        for (const event of page) {
          if (this.stopped) break;
          await this.handler(event);
          this.cursor = event.position;
          this.delivered = event.position;
        }
        if (this.stopped) break;
        if (page.length < source.pageSize) {
          this.caughtUpSignal.resolve();
          if (source.signal.version === seen) await this.sleep();
        } else {
          // Reads are synchronous and handlers may be too: let timers and I/O (HTTP requests)
          // run between pages of a long catch-up.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      // A no-op if it resolved already; otherwise whoever awaits it learns it never will.
      this.caughtUpSignal.reject(new Error('subscription stopped before it caught up'));
      this.endedSignal.resolve();
    } catch (error) {
      // The port's rule: a handler error stops the subscription (so does a read that cannot succeed).
      this.stopped = true;
      this.caughtUpSignal.reject(error);
      this.endedSignal.reject(error);
    } finally {
      this.onFinished(this);
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.source.signal.off(done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.source.pollIntervalMs);
      this.source.signal.on(done);
      this.wake = done;
    });
  }
}
