import type { Position } from './event-store.port.js';

interface Waiter {
  readonly position: Position;
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

  /** The read model applied the event at `position`. */
  advance(position: Position): void {
    this.reachedPosition = position;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
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
    if (this.reachedPosition >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }
}
