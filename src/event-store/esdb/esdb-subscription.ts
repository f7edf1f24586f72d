import { excludeSystemEvents, START, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventHandler, Position, Subscription, SubscriptionStart } from '../event-store.port.js';
import { backoffDelay, isTransient, type RetryPolicy } from './esdb-errors.js';
import { isSystemEvent, toEsdbPosition, toRecordedEvent } from './esdb-records.js';
import { caughtUpSignal } from '../caught-up-signal.js';

/** A handler's failure, kept apart from connection failures (which are retried). */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

type ClientSubscription = ReturnType<EventStoreDBClient['subscribeToAll']>;

/**
 * A catch-up subscription to $all that survives the server going away: after a dropped
 * connection it subscribes again strictly after the last delivered position (EventStoreDB
 * excludes the start position of a subscription), so nothing is delivered twice or skipped.
 * Reconnection waits with capped exponential backoff and never gives up while the subscription
 * runs: projections resume by themselves when the server is back. System events are filtered by
 * the server (`excludeSystemEvents()`) and again here (a `$` stream with a plain event type).
 *
 * `caughtUp` resolves once the handler has processed the last non-system event that existed when
 * the subscription started (the head it saw at start), independent of the server's own caught-up
 * signal, which older servers do not send and which arrives before buffered events are handled.
 */
export class EsdbSubscription implements Subscription {
  private readonly caughtUpSignal = caughtUpSignal();
  readonly caughtUp: Promise<void> = this.caughtUpSignal.promise;
  private delivered: Position | undefined;
  private stopped = false;
  private current: ClientSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly start: SubscriptionStart,
    private readonly handler: EventHandler,
    /** The store's head at start: the target of `caughtUp`. */
    private readonly head: () => Promise<Position | undefined>,
    private readonly reconnect: RetryPolicy,
    private readonly onFinished: (subscription: EsdbSubscription) => void,
  ) {
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
    try {
      const target = await this.untilStopped(() => this.head());
      if (this.stopped) return;
      const after = this.start === 'start' ? undefined : this.start.after;
      if (target === undefined || (after !== undefined && after >= target)) this.caughtUpSignal.resolve();
      for (let attempt = 0; !this.stopped; ) {
        try {
          await this.deliver(target);
          attempt = 0; // the server ended the subscription cleanly: subscribe again at once
        } catch (error) {
          if (error instanceof HandlerFailed) throw error.error;
          if (this.stopped) break;
          // A non-transient failure (say, access denied) is retried too, more slowly: the
          // subscription has no one to report to but caughtUp, and a crash would stop projections.
          await this.pause(backoffDelay(isTransient(error) ? attempt++ : this.reconnect.attempts, this.reconnect));
        }
      }
    } catch (error) {
      this.stopped = true;
      this.caughtUpSignal.reject(error);
    } finally {
      // A no-op if it resolved already; otherwise whoever awaits it learns it never will.
      this.caughtUpSignal.reject(new Error('subscription stopped before it caught up'));
      this.onFinished(this);
    }
  }

  /** One connection's worth of delivery, from just after the last delivered position. */
  private async deliver(target: Position | undefined): Promise<void> {
    const from = this.delivered ?? (this.start === 'start' ? undefined : this.start.after);
    const subscription = this.client.subscribeToAll({
      fromPosition: from === undefined ? START : toEsdbPosition(from),
      filter: excludeSystemEvents(),
    });
    this.current = subscription;
    // The loop below sees every error while it reads; this listener keeps an error that arrives
    // after it stopped reading (a drop right after stop()) from becoming an uncaught 'error' event.
    subscription.on('error', () => undefined);
    try {
      for await (const resolved of subscription) {
        if (this.stopped) break;
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        const recorded = toRecordedEvent(event);
        // Defensive: never hand the same position to the handler twice.
        if (this.delivered !== undefined && recorded.position <= this.delivered) continue;
        try {
          await this.handler(recorded);
        } catch (error) {
          throw new HandlerFailed(error);
        }
        this.delivered = recorded.position;
        if (target !== undefined && recorded.position >= target) this.caughtUpSignal.resolve();
      }
    } finally {
      this.current = undefined;
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /** Retries `action` through transient failures (with backoff) until it answers or the subscription stops. */
  private async untilStopped<T>(action: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (!isTransient(error)) throw error;
        await this.pause(backoffDelay(attempt, this.reconnect));
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
