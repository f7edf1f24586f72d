import { randomUUID } from 'node:crypto';
import { createEventStore } from '../../src/event-store/event-store.factory.js';
import { EventStoreUnavailableError, type EventStore, type EventToAppend, type RecordedEvent } from '../../src/event-store/event-store.port.js';
import { uuidv7 } from '../../src/common/ids.js';
import { verifyChains } from '../../src/event-store/chain-verification.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { pause, waitUntil } from '../support/event-store/wait-until.js';

/**
 * What the EventStoreDB adapter adds over the contract suite: surviving a server that goes away
 * and comes back, answering health checks, and hiding the server's own system events.
 */
const stream = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
const events = (n: number): EventToAppend[] => Array.from({ length: n }, (_, i) => ({ id: uuidv7(), type: 'Happened', data: { i } }));

describe('EventStoreDB adapter against a server that goes away', () => {
  let double: EsdbDouble;
  let store: EventStore;
  let writer: EventStore;
  beforeEach(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    store = await createEventStore(double.url);
    writer = await createEventStore(double.url);
  });
  afterEach(async () => {
    await Promise.all([store.close(), writer.close()]);
    await double.close();
  });

  it('a live subscription resumes after a restart from its last position: no gap, no duplicate', async () => {
    const s = stream('restart');
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => {
      if (e.stream === s) seen.push(e);
    });
    const before = (await writer.append(s, events(5))).events;
    await subscription.caughtUp;
    await waitUntil(() => seen.length === 5, 'the events before the restart');

    await double.restart();
    // Appended while the subscription is still reconnecting (caught up on resubscribe) ...
    const during = (await writer.append(s, events(4))).events;
    await waitUntil(() => seen.length === 9, 'the events appended right after the restart');
    // ... and once it is live again.
    const after = (await writer.append(s, events(3))).events;
    await waitUntil(() => seen.length === 12, 'the live events after the restart');
    await pause(100);

    expect(seen.map((e) => e.id)).toEqual([...before, ...during, ...after].map((e) => e.id));
    expect(subscription.lastPosition()).toBe(after[2].position);
    await subscription.stop();
  });

  it('a subscription started while the server is down catches up once it is back', async () => {
    const s = stream('late');
    const stored = (await writer.append(s, events(3))).events;
    await double.stop();
    const seen: string[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => {
      if (e.stream === s) seen.push(e.id);
    });
    await pause(300);
    expect(seen).toEqual([]);
    await double.restart();
    await subscription.caughtUp;
    expect(seen).toEqual(stored.map((e) => e.id));
    await subscription.stop();
  });

  it('ping() answers while the server is up and throws EventStoreUnavailableError while it is down', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await double.stop();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await double.restart();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('an append while the server is down fails with EventStoreUnavailableError after bounded retries, and nothing is half-written', async () => {
    const s = stream('down');
    await double.stop();
    const batch = events(2);
    await expect(store.append(s, batch)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(s)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await double.restart();
    const result = await store.append(s, batch);
    expect(result.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
    expect(await store.append(s, batch)).toEqual(result);
  });
});

describe('EventStoreDB adapter and the server’s system events', () => {
  let double: EsdbDouble;
  let store: EventStore;
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'append-only' });
    store = await createEventStore(double.url);
  });
  afterAll(async () => {
    await store.close();
    await double.close();
  });

  it('never shows $-prefixed events: not in readAll, not as the head, not to subscriptions', async () => {
    // The double writes system events at start and after every tenth append, so after ten
    // appends the last event of $all is a system event.
    const appended: RecordedEvent[] = [];
    for (let i = 0; i < 10; i++) appended.push(...(await store.append(stream('sys'), events(1))).events);
    const last = appended[appended.length - 1];

    const all = await store.readAll();
    expect(all.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    expect(await store.headPosition()).toBe(last.position);

    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => {
      delivered.push(e);
    });
    await subscription.caughtUp;
    expect(delivered.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    await subscription.stop();
  });

  it('keeps the hash out of the metadata the caller sees, and refuses the reserved key', async () => {
    const s = stream('meta');
    const metadata = { actor: { role: 'regulator', keyId: 'k1' } };
    const { events: [recorded] } = await store.append(s, [{ id: uuidv7(), type: 'Noted', data: {}, metadata }]);
    expect(recorded.metadata).toEqual(metadata);
    expect((await store.readStream(s))[0].metadata).toEqual(metadata);
    await expect(store.append(s, [{ id: uuidv7(), type: 'Noted', data: {}, metadata: { $ledgerHash: 'forged' } }])).rejects.toMatchObject({
      problems: [{ field: 'events[0].metadata.$ledgerHash' }],
    });
  });
});

describe('EventStoreDB adapter with several writers on one server', () => {
  let double: EsdbDouble;
  const stores: EventStore[] = [];
  const open = async () => {
    const store = await createEventStore(double.url);
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await double.close();
  });

  it('concurrent `any` appends from two instances all land, re-chained on the revision that won, and the chain verifies', async () => {
    const [one, two] = [await open(), await open()];
    const s = stream('any-race');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? one : two).append(s, events(2))));
    const stored = await one.readStream(s);
    expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i)));
    expect(new Set(results.map((r) => r.nextExpectedRevision)).size).toBe(12);
    expect((await verifyChains(two)).ok).toBe(true);
  });

  it('a repeat is recognised by an instance that never saw the first append (no reliance on the server deduplicating)', async () => {
    const s = stream('repeat-elsewhere');
    const batch = events(3);
    const first = await (await open()).append(s, batch, { expectedRevision: 'no-stream' });
    await (await open()).append(s, events(1));
    const fresh = await open();
    expect(await fresh.append(s, batch, { expectedRevision: 'no-stream' })).toEqual(first);
    expect(await fresh.readStream(s)).toHaveLength(4);
  });
});

describe.each(['batch-append', 'append-only'] as const)('EventStoreDB adapter and the server’s append size limit (%s)', (features) => {
  let double: EsdbDouble;
  let store: EventStore;
  beforeAll(async () => {
    double = await startEsdbDouble({ features, maxAppendSize: 4096 });
    store = await createEventStore(double.url);
  });
  afterAll(async () => {
    await store.close();
    await double.close();
  });

  it('refuses an append over MaxAppendSize as bad input naming the limit, and writes nothing', async () => {
    const s = stream('too-big');
    const error = await store.append(s, [{ id: uuidv7(), type: 'Large', data: { text: 'x'.repeat(5000) } }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationFailed', problems: [{ field: 'events', reason: expect.stringContaining('4096 bytes') }] });
    await expect(store.readStream(s)).rejects.toMatchObject({ name: 'StreamNotFoundError' });
    await expect(store.append(s, [{ id: uuidv7(), type: 'Small', data: { text: 'x' } }])).resolves.toMatchObject({ nextExpectedRevision: 0n });
  });
});

describe('EventStoreDB connection strings', () => {
  it('esdb+discover:// finds the leader through gossip and the store works through it', async () => {
    const double = await startEsdbDouble({ features: 'batch-append' });
    const store = await createEventStore(double.discoverUrl);
    try {
      const s = stream('discovered');
      const { events: appended } = await store.append(s, events(2));
      expect((await store.readStream(s)).map((e) => e.id)).toEqual(appended.map((e) => e.id));
    } finally {
      await store.close();
      await double.close();
    }
  });

  it('a malformed connection string is refused naming EVENT_STORE_URL, without echoing credentials', async () => {
    const error = await createEventStore('esdb://admin:s3cret@host:notaport?tls=false').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EventStoreUrlError' });
    expect((error as Error).message).toContain('EVENT_STORE_URL');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
