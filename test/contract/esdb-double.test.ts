import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  START,
} from '@eventstore/db-client';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { collect, events, stream } from '../support/esdb-double/raw-client.js';

/**
 * The double speaks EventStoreDB's protocol the way the real client expects it: these tests talk
 * to it with `@eventstore/db-client` only (no ledger code), so the adapter's contract suite rests
 * on the server's semantics rather than on the double's conveniences.
 */

describe.each([
  ['batch-append', 'batchAppend'],
  ['append-only', 'append'],
] as const)('the EventStoreDB double (%s)', (features, api) => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    double = await startEsdbDouble({ features });
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterAll(async () => {
    await client.dispose();
    await double.close();
  });

  it(`receives appends through ${api}, the API a server of that kind gets from the client`, async () => {
    await client.appendToStream(stream('api'), events(1));
    expect(double.calls[api]).toBeGreaterThan(0);
    expect(double.calls[api === 'append' ? 'batchAppend' : 'append']).toBe(0);
  });

  it('answers expected-revision conflicts with the actual revision and writes nothing', async () => {
    const s = stream('wev');
    const first = await client.appendToStream(s, events(2), { expectedRevision: 'no_stream' });
    expect(first.nextExpectedRevision).toBe(1n);
    await expect(client.appendToStream(s, events(1), { expectedRevision: 'no_stream' })).rejects.toMatchObject({ actualVersion: 1n });
    await expect(client.appendToStream(s, events(1), { expectedRevision: 0n })).rejects.toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
    await expect(client.appendToStream(stream('missing'), events(1), { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
      actualVersion: 'no_stream',
    });
    expect(await collect(client.readStream(s))).toHaveLength(2);
  });

  it('reports a missing stream as StreamNotFound', async () => {
    await expect(collect(client.readStream(stream('nothing')))).rejects.toMatchObject({ type: 'stream-not-found' });
  });

  it('puts system events in $all and gives positions with gaps, commit = prepare, in commit order', async () => {
    const s = stream('positions');
    await client.appendToStream(s, events(3));
    const all = await collect(client.readAll({ fromPosition: START }));
    expect(all.some(({ event }) => event?.type.startsWith('$'))).toBe(true);
    const mine = all.filter(({ event }) => event?.streamId === s).map(({ event }) => event!.position);
    expect(mine).toHaveLength(3);
    for (const position of mine) expect(position.prepare).toBe(position.commit);
    for (let i = 1; i < mine.length; i++) expect(mine[i].commit - mine[i - 1].commit).toBeGreaterThan(1n);
    const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(last.event!.position.commit).toBeGreaterThanOrEqual(mine[2].commit);
  });

  it('includes the start position when reading $all, excludes it when subscribing, and signals caught-up after the stored events', async () => {
    const s = stream('bounds');
    await client.appendToStream(s, events(3));
    const stored = (await collect(client.readAll({ fromPosition: START }))).filter(({ event }) => event?.streamId === s).map(({ event }) => event!);
    const read = await collect(client.readAll({ fromPosition: stored[1].position, maxCount: 1 }));
    expect(read[0].event!.id).toBe(stored[1].id);

    const subscription = client.subscribeToAll({ fromPosition: stored[1].position, filter: excludeSystemEvents() });
    const live = events(1);
    let caughtUp = false;
    // Caught-up comes once the stored events are sent; only then is the live event appended.
    subscription.on('caughtUp', () => {
      caughtUp = true;
      void client.appendToStream(s, live);
    });
    const seen: string[] = [];
    for await (const { event } of subscription) {
      expect(event!.type.startsWith('$')).toBe(false);
      seen.push(event!.id);
      if (event!.id === live[0].id) break;
    }
    await subscription.unsubscribe();
    expect(caughtUp).toBe(true);
    expect(seen).toEqual([stored[2].id, live[0].id]);
  });

  it('answers gossip with itself as leader, so esdb+discover:// connects', async () => {
    const discovering = EventStoreDBClient.connectionString(double.discoverUrl);
    try {
      const s = stream('discover');
      await discovering.appendToStream(s, events(1));
      expect(await collect(discovering.readStream(s))).toHaveLength(1);
    } finally {
      await discovering.dispose();
    }
  });
});

describe('the EventStoreDB double tells the truth (single node)', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append', maxAppendSize: 4096 });
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterAll(async () => {
    await client.dispose();
    await double.close();
  });

  const stored = async (s: string) => (await collect(client.readAll({ fromPosition: START }))).filter(({ event }) => event?.streamId === s).map(({ event }) => event!);

  it('fails a read of $all from a position inside a record as the server does, and reads nothing past the end', async () => {
    const s = stream('inside');
    await client.appendToStream(s, events(2));
    const [first, second] = await stored(s);
    const inside = { commit: first.position!.commit + 1n, prepare: first.position!.commit + 1n };
    await expect(collect(client.readAll({ fromPosition: inside, maxCount: 1 }))).rejects.toThrow('Unexpected ReadAllResult: InvalidPosition');
    await expect(collect(client.readAll({ fromPosition: inside, direction: BACKWARDS, maxCount: 1 }))).rejects.toThrow('InvalidPosition');
    expect((await collect(client.readAll({ fromPosition: second.position!, maxCount: 1 })))[0].event!.id).toBe(second.id);
    const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    const past = last.event!.position.commit + 1_000_000n;
    expect(await collect(client.readAll({ fromPosition: { commit: past, prepare: past } }))).toEqual([]);
  });

  it('fails a subscription that must catch up from inside a record, and goes live from one past the last event', async () => {
    const s = stream('sub-inside');
    await client.appendToStream(s, events(2));
    const [first] = await stored(s);
    const inside = first.position!.commit + 1n;
    const failing = client.subscribeToAll({ fromPosition: { commit: inside, prepare: inside } });
    await expect(collect(failing)).rejects.toThrow('Trying to read from an invalid position.');
    const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    const ahead = last.event!.position.commit + 1n;
    const live = client.subscribeToAll({ fromPosition: { commit: ahead, prepare: ahead }, filter: excludeSystemEvents() });
    const next = events(1);
    live.on('caughtUp', () => void client.appendToStream(s, next));
    for await (const { event } of live) {
      expect(event!.id).toBe(next[0].id);
      break;
    }
    await live.unsubscribe();
  });

  it('answers an exact-revision repeat of stored ids with success, whatever the content, and stores nothing', async () => {
    const s = stream('idempotent');
    const original = events(2);
    const first = await client.appendToStream(s, original, { expectedRevision: 'no_stream' });
    await client.appendToStream(s, events(1));
    const other = original.map((event) => jsonEvent({ id: event.id, type: 'Other', data: { other: true } }));
    const repeat = await client.appendToStream(s, other, { expectedRevision: 'no_stream' });
    expect(repeat).toMatchObject({ success: true, nextExpectedRevision: 1n, position: first.position });
    expect(await client.appendToStream(s, other.slice(1), { expectedRevision: 0n })).toMatchObject({ nextExpectedRevision: 1n });
    // A partial overlap is no repeat: wrong expected version.
    await expect(client.appendToStream(s, [other[1], ...events(1)], { expectedRevision: 0n })).rejects.toMatchObject({ type: 'wrong-expected-version' });
    const read = await collect(client.readStream(s));
    expect(read.map(({ event }) => event!.type)).toEqual(['Happened', 'Happened', 'Happened']);
  });

  it('recognises an `any` repeat among recently written ids; a partial overlap is a wrong expected version', async () => {
    const s = stream('any-repeat');
    const batch = events(2);
    const first = await client.appendToStream(s, batch);
    expect(await client.appendToStream(s, batch)).toMatchObject({ nextExpectedRevision: first.nextExpectedRevision, position: first.position });
    await expect(client.appendToStream(s, [batch[0], ...events(1)])).rejects.toMatchObject({ type: 'wrong-expected-version' });
    expect(await collect(client.readStream(s))).toHaveLength(2);
  });

  it('counts an append as the server does: data, metadata and twice the type length per event', async () => {
    const s = stream('size');
    const type = 'T'.repeat(100);
    const data = new Uint8Array(4096 - 200);
    await expect(client.appendToStream(s, binaryEvent({ type, data }))).resolves.toMatchObject({ success: true });
    await expect(client.appendToStream(s, binaryEvent({ type: `${type}x`, data }))).rejects.toMatchObject({ type: 'maximum-append-size-exceeded' });
  });

  it('holds events of any content: binary, malformed JSON, metadata that is not JSON', async () => {
    const s = stream('foreign');
    await client.appendToStream(s, binaryEvent({ type: 'Blob', data: new Uint8Array([0, 1, 2]), metadata: new Uint8Array([0xff]) }));
    double.writeRaw(s, [{ id: randomUUID(), type: 'Broken', contentType: 'application/json', data: Buffer.from('{not json'), customMetadata: new Uint8Array() }]);
    const [blob, broken] = (await collect(client.readStream(s))).map(({ event }) => event!);
    expect(blob).toMatchObject({ isJson: false, data: new Uint8Array([0, 1, 2]), metadata: new Uint8Array([0xff]) });
    expect(broken).toMatchObject({ isJson: true, data: '{not json' });
  });
});
