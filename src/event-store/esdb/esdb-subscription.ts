import { excludeSystemEvents, START, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventHandler, Position, Subscription, SubscriptionStart } from '../event-store.port.js';
import { caughtUpSignal } from '../caught-up-signal.js';
import { notAnEventPosition } from '../read-validation.js';
import { backoffDelay, isInvalidPosition, isTransient, type RetryPolicy } from './esdb-errors.js';
import { toEsdbPosition, type LedgerEvents } from './esdb-records.js';
import type { StoreLog } from '../store-log.js';

/** A failure that ends the subscription (a handler's, or a malformed ledger event), kept apart from connection failures (which are retried). */
class Fatal {
  constructor(readonly error: unknown) {}
}

type ClientSubscription = ReturnType<EventStoreDBClient['subscribeToAll']>;

export interface EsdbSubscriptionOptions {
  readonly client: EventStoreDBClient;
  readonly start: SubscriptionStart;
  readonly handler: EventHandler;
  /** The store's head at start: the target of `caughtUp`. */
  readonly head: () => Promise<Position | undefined>;
  readonly reconnect: RetryPolicy;
  readonly events: LedgerEvents;
  readonly log: StoreLog;
  readonly onFinished: (subscription: EsdbSubscription) => void;
}

/**
 * A catch-up subscription to $all that survives the server going away: after a dropped
 * connection it subscribes again strictly after the last delivered position (EventStoreDB
 * excludes the start position of a subscription), so nothing is delivered twice or skipped.
 * Reconnection waits with capped exponential backoff and never gives up while the subscription
 * runs: projections resume by themselves when the server is back. It asks for the leader: a
 * follower that would have to catch it up from its own copy sends it to the leader instead (a
 * live subscription on a node that stops leading carries on from that node's replicated copy,
 * in the same order, as the server keeps it). System events are filtered by the server
 * (`excludeSystemEvents()`), foreign events here (esdb-records.ts).
 *
 * What stops it for good, rejecting `caughtUp` if still pending, rather than a retry loop: the
 * handler's error, a malformed event in a ledger stream (MalformedEventError naming it), a
 * start that is not an event's position (ValidationFailed on `from.after`).
 *
 * `caughtUp` resolves once the handler has processed the last ledger event that existed when
 * the subscription started (the head it saw at start), independent of the server's own caught-up
 * signal, which older servers do not send and which arrives before buffered events are handled.
 */
export class EsdbSubscription implements Subscription {
  private readonly caughtUpSignal = caughtUpSignal();
  readonly caughtUp: Promise<void> = this.caughtUpSignal.promise;
  private readonly endedSignal = caughtUpSignal();
  readonly ended: Promise<void> = this.endedSignal.promise;
  private delivered: Position | undefined;
  private stopped = false;
  private current: ClientSubscription | undefined;
  private wake: (() => void) | undefined;
  private lastFailure: string | undefined;
  private readonly finished: Promise<void>;

  constructor(private readonly options: EsdbSubscriptionOptions) {
    this.finished = this.run();
  }

  lastPosition(): Position | undefined {
    return this.delivered;
  }

  /** Resolves once no handler runs any more. Do not await it from inside the handler. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.unsubscribe();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { start, reconnect } = this.options;
    try {
      const target = await this.untilStopped(() => this.options.head());
      if (this.stopped) return;
      const after = start === 'start' ? undefined : start.after;
      if (target === undefined || (after !== undefined && after >= target)) this.caughtUpSignal.resolve();
      for (let attempt = 0; !this.stopped; ) {
        try {
          await this.deliver(target);
          attempt = 0; // the server ended the subscription cleanly: subscribe again at once
        } catch (error) {
          if (error instanceof Fatal) throw error.error;
          if (isInvalidPosition(error)) throw notAnEventPosition('from.after');
          if (this.stopped) break;
          // A non-transient failure (say, access denied) is retried too, more slowly, and said
          // once in the log: a crash would stop projections that resume when an operator fixes it.
          if (!isTransient(error)) this.report(error);
          await this.pause(backoffDelay(isTransient(error) ? attempt++ : reconnect.attempts, reconnect));
        }
      }
    } catch (error) {
      this.stopped = true;
      this.caughtUpSignal.reject(error);
      this.endedSignal.reject(error);
    } finally {
      // No-ops if they settled already; otherwise whoever awaits caughtUp learns it never will.
      this.caughtUpSignal.reject(new Error('subscription stopped before it caught up'));
      this.endedSignal.resolve();
      this.options.onFinished(this);
    }
  }

  /** One connection's worth of delivery, from just after the last delivered position. */
  private async deliver(target: Position | undefined): Promise<void> {
    const { client, start, events, handler } = this.options;
    const from = this.delivered ?? (start === 'start' ? undefined : start.after);
    const subscription = client.subscribeToAll({
      fromPosition: from === undefined ? START : toEsdbPosition(from),
      filter: excludeSystemEvents(),
      requiresLeader: true,
    });
    this.current = subscription;
    // The loop below sees every error while it reads; this listener keeps an error that arrives
    // after it stopped reading (a drop right after stop()) from becoming an uncaught 'error' event.
    subscription.on('error', () => undefined);
    try {
      for await (const resolved of subscription) {
        if (this.stopped) break;
        if (!resolved.event) continue;
        const classified = events.classify(resolved.event);
        if (classified.kind === 'skipped') continue;
        if (classified.kind === 'malformed') throw new Fatal(classified.error);
        const recorded = classified.event;
        // Defensive: never hand the same position to the handler twice.
        if (this.delivered !== undefined && recorded.position <= this.delivered) continue;
        try {
          await handler(recorded);
        } catch (error) {
          throw new Fatal(error);
        }
        this.delivered = recorded.position;
        this.lastFailure = undefined;
        if (target !== undefined && recorded.position >= target) this.caughtUpSignal.resolve();
      }
    } finally {
      this.current = undefined;
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message === this.lastFailure) return;
    this.lastFailure = message;
    this.options.log('error', `subscription to $all failed, retrying every ${this.options.reconnect.maxDelayMs} ms or so: ${message}`);
  }

  /** Retries `action` through transient failures (with backoff) until it answers or the subscription stops. */
  private async untilStopped<T>(action: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (!isTransient(error)) throw error;
        this.report(error);
        await this.pause(backoffDelay(attempt, this.options.reconnect));
      }
    }
    return undefined;
  }

  /** Waits between reconnection attempts; `stop()` cuts the wait short. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
