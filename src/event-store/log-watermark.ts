import type { Position } from './event-store.port.js';

interface Waiter {
  /** Whether what it waits for has been applied. */
  readonly ready: () => boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * How far a read model fed by a subscription to the global log has read it, and the wait until it
 * has reached a position (read-your-writes: a query waits for the head it saw). The subscription
 * reports each event it applied ({@link advance}), in log order.
 */
export class LogWatermark {
  private reachedPosition: Position = 0n;
  private waiters: Waiter[] = [];
  private failure?: Error;

  /** The position of the last event applied (0n before the first). */
  get reached(): Position {
    return this.reachedPosition;
  }

  /** The read model applied the event at `position` (everything it feeds is up to date by now). */
  advance(position: Position): void {
    this.reachedPosition = position;
    // A waiter usually waits for a later event: look before building any list.
    if (!this.waiters.some((w) => w.ready())) return;
    const ready = this.waiters.filter((w) => w.ready());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }

  /** The read model stopped: every wait, now and later, fails with this error. */
  fail(error: Error): void {
    this.failure ??= error;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(this.failure);
  }

  /** Resolves once the read model has applied every event up to `position`. */
  waitFor(position: Position): Promise<void> {
    return this.waitUntil(() => this.reachedPosition >= position);
  }

  /** Resolves once `ready` holds after an applied event (or now): for waits on what the events feed, such as a tree size. */
  waitUntil(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ ready, resolve, reject }));
  }
}
