import { randomUUID } from 'node:crypto';
import { binaryEvent, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { verifyChains } from '../../src/event-store/chain-verification.js';
import { createEventStore } from '../../src/event-store/event-store.factory.js';
import {
  DuplicateEventIdError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../../src/event-store/event-store.port.js';
import { uuidv7 } from '../../src/common/ids.js';
import { pause, waitUntil } from '../support/event-store/wait-until.js';
import type { ProposedEvent } from '../support/esdb-double/esdb-double.js';

/**
 * What a real EventStoreDB does that the port's contract suite does not show: foreign events in
 * $all, positions a read cannot start from, exact-revision repeats the server calls a success,
 * and (on a cluster) leader changes. Run on the protocol double (one node and three) and on a
 * real server or cluster named by ESDB_TEST_URL, so the double's claims are checked where a
 * server is available.
 *
 * Like the contract suite, it never assumes an empty log: each run names its ledger streams with
 * a prefix of its own (so the malformed event it leaves in one is foreign to any other run) and
 * looks at the log after the head it saw at its start.
 */
export interface EsdbBehaviourTarget {
  /** The connection string of the server or cluster. */
  url(): string;
  /** Elects another leader and resolves once it leads; the leader-change cases are skipped without it. */
  readonly changeLeader?: () => Promise<void>;
  /** Double only: records the client cannot write (malformed JSON). */
  readonly writeRaw?: (stream: string, events: readonly ProposedEvent[]) => void;
  /** Double only: the next append is written and its answer lost. */
  readonly loseNextAppendAnswer?: () => void;
  /** Milliseconds within which an append reaches a live subscription. Default 2000. */
  readonly liveDelayMs?: number;
}

const event = (type = 'Happened', data: Record<string, string | number> = {}): EventToAppend => ({ id: uuidv7(), type, data });
const events = (count: number, label = 'e'): EventToAppend[] => Array.from({ length: count }, (_, i) => event('Happened', { label, i }));
const ids = (list: readonly { id: string }[]) => list.map((e) => e.id);

export function describeEsdbBehaviour(name: string, target: EsdbBehaviourTarget): void {
  const withLeaderChange = target.changeLeader ? it : it.skip;
  const withRaw = target.writeRaw ? it : it.skip;
  const liveDelayMs = target.liveDelayMs ?? 2000;

  describe(`EventStoreDB as it behaves: ${name}`, () => {
    const prefix = `behaviour-${randomUUID().slice(0, 8)}-`;
    const stream = (label: string) => `${prefix}${label}-${randomUUID().slice(0, 8)}`;
    const foreignStream = (label: string) => `other-app-${label}-${randomUUID().slice(0, 8)}`;
    const logs: string[] = [];
    const stores: EventStore[] = [];
    const subscriptions: Subscription[] = [];
    let client: EventStoreDBClient;
    const open = async (): Promise<EventStore> => {
      const store = await createEventStore(target.url(), { ledgerStreamPrefixes: [prefix], log: (_level, message) => logs.push(message) });
      stores.push(store);
      return store;
    };
    /** The ledger events of this test: after `head`, in the given streams. */
    const logAfter = async (store: EventStore, head: Position | undefined, streams: readonly string[]): Promise<RecordedEvent[]> =>
      (await store.readAll({ fromPosition: head ?? 0n })).filter((e) => (head === undefined || e.position > head) && streams.includes(e.stream));
    const collect = (store: EventStore, after: Position | undefined, streams: readonly string[]) => {
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ from: after === undefined ? 'start' : { after } }, (e) => {
        if (streams.includes(e.stream)) seen.push(e);
      });
      subscriptions.push(subscription);
      return { seen, subscription };
    };

    beforeAll(() => {
      client = EventStoreDBClient.connectionString(target.url());
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await Promise.all(stores.splice(0).map((s) => s.close()));
      logs.length = 0;
    });
    afterAll(async () => {
      await client.dispose();
    });

    /** Foreign events of every kind the client can write: JSON of an unknown type, binary, JSON with binary metadata. */
    const writeForeign = async (label: string): Promise<void> => {
      await client.appendToStream(foreignStream(label), [
        jsonEvent({ type: 'OrderPlaced', data: { order: label } }),
        binaryEvent({ type: 'Thumbnail', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }),
        binaryEvent({ type: 'Sensor', data: Buffer.from('{"t": 21.5}'), metadata: new Uint8Array([0xde, 0xad]) }),
      ]);
      target.writeRaw?.(foreignStream(`${label}-raw`), [
        { id: randomUUID(), type: 'Broken', contentType: 'application/json', data: Buffer.from('{"unterminated": '), customMetadata: Buffer.from('not json') },
      ]);
    };

    describe('foreign events', () => {
      it('before, between and after ledger events: skipped by reads, appends, the head and subscriptions, and counted in the log', async () => {
        const store = await open();
        const head = await store.headPosition();
        const [a, b] = [stream('mixed-a'), stream('mixed-b')];
        await writeForeign('before');
        const appended: RecordedEvent[] = [...(await store.append(a, events(2))).events];
        await writeForeign('between');
        appended.push(...(await store.append(b, events(1))).events, ...(await store.append(a, events(1))).events);
        await writeForeign('after');

        expect(ids(await logAfter(store, head, [a, b]))).toEqual(ids(appended));
        expect(await store.headPosition()).toBe(appended[appended.length - 1].position);
        // A fresh instance appends among them; a repeat is still a repeat.
        const fresh = await open();
        const later = await fresh.append(b, [event('Later')]);
        expect(later.nextExpectedRevision).toBe(1n);
        expect(await fresh.append(a, [{ id: appended[0].id, type: appended[0].type, data: appended[0].data }], { expectedRevision: 'no-stream' })).toMatchObject({ position: appended[0].position });

        const { seen, subscription } = collect(store, head, [a, b]);
        await subscription.caughtUp;
        expect(ids(seen)).toEqual([...ids(appended), later.events[0].id]);
        expect((await verifyChains(store)).ok).toBe(true);
        expect(logs.some((line) => /skipped \d+ foreign event\(s\) in \$all/.test(line))).toBe(true);
      });

      it('a malformed event in a ledger stream stops subscriptions with an error naming it, verification reports it, appends to other streams go on', async () => {
        // A prefix of this test's own: the event it leaves behind is foreign to every other test.
        const strict = `strict-${randomUUID().slice(0, 8)}-`;
        const store = await createEventStore(target.url(), { ledgerStreamPrefixes: [strict], log: (_level, message) => logs.push(message) });
        stores.push(store);
        const head = await store.headPosition();
        const [good, broken] = [`${strict}good`, `${strict}broken`];
        await store.append(good, events(1));
        await client.appendToStream(broken, binaryEvent({ type: 'Tampered', data: new Uint8Array([1, 2, 3]) }));
        const { subscription } = collect(store, head, [good]);
        await expect(subscription.caughtUp).rejects.toMatchObject({ name: 'MalformedEventError', stream: broken, revision: 0n });
        await expect(store.readAll({ fromPosition: head ?? 0n })).rejects.toThrow(`event ${broken}@0`);
        await expect(store.readStream(broken)).rejects.toMatchObject({ name: 'MalformedEventError' });
        await expect(store.append(good, events(1))).resolves.toMatchObject({ nextExpectedRevision: 1n });
        const verification = await verifyChains(store);
        expect(verification).toMatchObject({ ok: false, firstProblem: { stream: broken, revision: 0n, problem: 'content' } });
      });
    });

    describe('positions', () => {
      it('a read from a position inside an event is refused naming fromPosition; past the head it reads nothing', async () => {
        const store = await open();
        const s = stream('inside');
        const { events: stored } = await store.append(s, events(2));
        const inside = stored[0].position + 1n;
        expect(inside).toBeLessThan(stored[1].position);
        await expect(store.readAll({ fromPosition: inside })).rejects.toMatchObject({ name: 'ValidationFailed', problems: [{ field: 'fromPosition' }] });
        expect(ids(await store.readAll({ fromPosition: stored[1].position, maxCount: 1 }))).toEqual([stored[1].id]);
        expect(await store.readAll({ fromPosition: stored[1].position + 10_000_000n })).toEqual([]);
      });

      it('a subscription from a position inside an event stops with ValidationFailed on from.after', async () => {
        const store = await open();
        const s = stream('sub-inside');
        const { events: stored } = await store.append(s, events(2));
        const subscription = store.subscribeToAll({ from: { after: stored[0].position + 1n } }, () => undefined);
        subscriptions.push(subscription);
        await expect(subscription.caughtUp).rejects.toMatchObject({ name: 'ValidationFailed', problems: [{ field: 'from.after' }] });
      });
    });

    describe('repeats', () => {
      it('the same ids with other content, raced by two instances with an exact revision: one wins, the other is refused, never told it succeeded', async () => {
        const [one, two] = [await open(), await open()];
        for (let round = 0; round < 10; round++) {
          const s = stream(`race-${round}`);
          const id = uuidv7();
          const outcomes = await Promise.allSettled([
            one.append(s, [{ id, type: 'Mine', data: { by: 'one' } }], { expectedRevision: 'no-stream' }),
            two.append(s, [{ id, type: 'Mine', data: { by: 'two' } }], { expectedRevision: 'no-stream' }),
          ]);
          const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
          const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]).toBeInstanceOf(DuplicateEventIdError);
          const [stored] = await one.readStream(s);
          expect(stored).toEqual(won[0].events[0]);
        }
      });
    });

    describe('leader changes', () => {
      withLeaderChange('in the middle of appends: every append answered once, nothing lost or stored twice, no read-back short', async () => {
        const store = await open();
        const head = await store.headPosition();
        const streams = [stream('w0'), stream('w1'), stream('w2')];
        const results: AppendResult[] = [];
        let changed = false;
        const writers = streams.map(async (s, w) => {
          for (let i = 0; i < 12; i++) {
            if (w === 0 && i === 4) {
              target.loseNextAppendAnswer?.();
              changed = true;
              await target.changeLeader!();
            }
            results.push(await store.append(s, events(2, `${w}-${i}`)));
          }
        });
        await Promise.all(writers);
        expect(changed).toBe(true);
        const stored = await logAfter(store, head, streams);
        const answered = results.flatMap((r) => r.events);
        expect(new Set(ids(stored)).size).toBe(stored.length);
        expect(stored).toHaveLength(streams.length * 24);
        expect([...answered].sort((x, y) => (x.position < y.position ? -1 : 1))).toEqual(stored);
        expect((await verifyChains(store)).ok).toBe(true);
      });

      withLeaderChange('under a live subscription: every event delivered once in order, and the head read from the new leader', async () => {
        const store = await open();
        const writer = await open();
        const head = await store.headPosition();
        const s = stream('live');
        const { seen, subscription } = collect(store, head, [s]);
        const appended = [...(await writer.append(s, events(3))).events];
        await subscription.caughtUp;
        await target.changeLeader!();
        for (let i = 0; i < 3; i++) {
          const { events: more } = await writer.append(s, events(2, `after-${i}`));
          appended.push(...more);
          // Never a stale answer: the head is the new leader's, which holds what was just acknowledged.
          expect(await store.headPosition()).toBeGreaterThanOrEqual(more[1].position);
          expect(ids(await store.readStream(s, { fromRevision: more[0].revision }))).toEqual(ids(more));
        }
        await waitUntil(() => seen.length >= appended.length, `${appended.length} events delivered`, liveDelayMs + 10_000);
        await pause(100);
        expect(ids(seen)).toEqual(ids(appended));
        expect(subscription.lastPosition()).toBe(appended[appended.length - 1].position);
      });
    });

    withRaw('holds malformed JSON of other applications without stopping anything', async () => {
      const store = await open();
      const head = await store.headPosition();
      target.writeRaw!(foreignStream('raw'), [{ id: randomUUID(), type: 'Broken', contentType: 'application/json', data: Buffer.from('{'), customMetadata: new Uint8Array() }]);
      const s = stream('after-raw');
      const { events: appended } = await store.append(s, events(1));
      const { seen, subscription } = collect(store, head, [s]);
      await subscription.caughtUp;
      expect(ids(seen)).toEqual(ids(appended));
    });
  });
}
