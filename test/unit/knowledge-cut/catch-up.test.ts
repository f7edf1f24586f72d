import { describe, expect, it } from '@jest/globals';
import type { EventStore, Position } from '../../../src/event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../src/knowledge-cut/knowledge-cuts.js';

/**
 * KnowledgeCuts.catchUp (docs/design.md "Reading"): the calls of one turn share one head read and
 * one wait; a call made after that head read started gets a read of its own, so it still sees
 * every write that finished before it was made (read-your-writes).
 */

/** A store whose head is whatever the test says, counting head reads; the read model has applied everything up to `reached`. */
function fakeStore() {
  const state = { head: 0n, reads: 0 };
  const store = {
    headPosition: async (): Promise<Position | undefined> => {
      state.reads++;
      return state.head;
    },
  } as unknown as EventStore;
  return { store, state };
}

const applied = (cuts: KnowledgeCuts, position: bigint): void =>
  cuts.advance({ position, recordedAt: new Date(0), hash: '0'.repeat(64), id: `e${position}` } as unknown as Parameters<KnowledgeCuts['advance']>[0]);

describe('KnowledgeCuts.catchUp', () => {
  it('answers the calls of one turn with one head read', async () => {
    const { store, state } = fakeStore();
    const cuts = new KnowledgeCuts(store);
    state.head = 3n;
    for (let p = 1n; p <= 3n; p++) applied(cuts, p);
    const heads = await Promise.all(Array.from({ length: 10 }, () => cuts.catchUp()));
    expect(heads).toEqual(Array.from({ length: 10 }, () => 3n));
    expect(state.reads).toBe(1);
  });

  it('a call made after the shared head read started reads the head again and waits for what was written since', async () => {
    const { store, state } = fakeStore();
    const cuts = new KnowledgeCuts(store);
    state.head = 1n;
    applied(cuts, 1n);
    const first = cuts.catchUp();
    await first;
    state.head = 2n; // a write that finished after the first read
    let second: bigint | undefined;
    const waiting = cuts.catchUp().then((head) => (second = head));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined(); // waits for the read model to apply position 2
    applied(cuts, 2n);
    await waiting;
    expect(second).toBe(2n);
    expect(state.reads).toBe(2);
  });
});
