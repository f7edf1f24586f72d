/**
 * Waits until `condition` holds, checking every 10 ms; fails naming `what` after `timeoutMs`.
 * A deadline for asynchronous delivery, not a speed assertion: it only fails when the thing
 * never happens.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets `ms` pass: used only to give a stopped subscription the chance to (wrongly) deliver. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
