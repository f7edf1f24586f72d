/**
 * The `caughtUp` (and `ended`) promise of a subscription (event-store.port.ts), with its settle
 * functions, for both adapters. Settling twice is harmless (a promise settles once). A caller that never awaits
 * `caughtUp` must not get an unhandled rejection when it fails, so a no-op handler is attached.
 */
export interface CaughtUpSignal {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export function caughtUpSignal(): CaughtUpSignal {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
