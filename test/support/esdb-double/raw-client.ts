import { randomUUID } from 'node:crypto';
import { jsonEvent, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';

/** Helpers of the tests that speak to the double with `@eventstore/db-client` alone. */

/** Every event a read (or a subscription, until it ends) yields. */
export async function collect<E extends ResolvedEvent | AllStreamResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const resolved of read) out.push(resolved);
  return out;
}

/** A fresh stream name. */
export const stream = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;

/** `n` JSON events of type Happened. */
export const events = (n: number) => Array.from({ length: n }, (_, i) => jsonEvent({ type: 'Happened', data: { i } }));
