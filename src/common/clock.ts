/**
 * The only source of "now" outside the store. Domain code never reads the clock: handlers take
 * the time from an injected Clock and pass it in, which is what makes replay exact.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests, the demo and back-dated scenarios. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
}
