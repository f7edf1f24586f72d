import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createEventStore, EventStoreUrlError } from '../../src/event-store/event-store.factory.js';
import { EventStoreUnavailableError, type RecordedEvent } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { FixedClock } from '../../src/common/clock.js';
import { ValidationFailed } from '../../src/common/errors.js';
import { uuidv7 } from '../../src/common/ids.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { waitUntil } from '../support/event-store/wait-until.js';

const event = (data: Record<string, number> = {}) => ({ id: uuidv7(), type: 'T', data });

describe('the SQLite event store', () => {
  const dir = makeTempDir('ledger-sqlite');
  afterAll(() => dir.remove());

  describe('createEventStore (EVENT_STORE_URL)', () => {
    it('opens a file store in WAL mode, creating its folder; synchronous is NORMAL unless ?synchronous=full', async () => {
      const path = join(dir.path, 'nested', 'deeper', 'ledger.sqlite');
      const normal = (await createEventStore(`sqlite:${path}`)) as SqliteEventStore;
      await normal.append('s', [event()]);
      expect(existsSync(path)).toBe(true);
      expect(normal.durability()).toEqual({ journalMode: 'wal', synchronous: 'normal' });
      await normal.close();
      const full = (await createEventStore(`sqlite:${path}?synchronous=full`)) as SqliteEventStore;
      expect(full.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
      expect(await full.readStream('s')).toHaveLength(1);
      await full.close();
    });

    it('opens an in-memory store for sqlite::memory:', async () => {
      const store = (await createEventStore('sqlite::memory:')) as SqliteEventStore;
      expect(store.durability().journalMode).toBe('memory');
      await store.close();
    });

    it.each([
      ['postgres://admin:s3cret@db/ledger', 'unsupported scheme "postgres:"'],
      ['', 'is empty'],
      ['ledger.sqlite', 'not a URL of a known form'],
      ['sqlite:', 'needs a file path'],
      [`sqlite:${join(dir.path, 'x.sqlite')}?synchronous=off`, 'synchronous must be normal or full'],
      [`sqlite:${join(dir.path, 'x.sqlite')}?journal=delete`, 'unknown sqlite option "journal"'],
    ])('refuses %j, naming EVENT_STORE_URL and the accepted forms', async (url, reason) => {
      const error = await createEventStore(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUrlError);
      const message = (error as Error).message;
      expect(message).toContain('EVENT_STORE_URL');
      expect(message).toContain(reason);
      expect(message).toContain('sqlite:<path>');
      expect(message).toContain('esdb://');
      expect(message).not.toContain('s3cret');
    });
  });

  it("records the store's clock as recordedAt, never going backwards along the log when the clock does", async () => {
    const clock = new FixedClock(new Date('2025-03-01T08:00:00.000Z'));
    const store = new SqliteEventStore({ path: ':memory:', clock });
    const first = await store.append('s', [event()]);
    clock.set(new Date('2025-03-01T07:00:00.000Z'));
    const second = await store.append('t', [event()]);
    clock.set(new Date('2025-03-01T09:30:00.000Z'));
    const third = await store.append('s', [event()]);
    expect([first, second, third].map((r) => r.events[0].recordedAt.toISOString())).toEqual([
      '2025-03-01T08:00:00.000Z',
      '2025-03-01T08:00:00.000Z',
      '2025-03-01T09:30:00.000Z',
    ]);
    expect((await store.readAll()).map((e) => e.recordedAt.toISOString())).toEqual(
      [first, second, third].map((r) => r.events[0].recordedAt.toISOString()),
    );
    await store.close();
  });

  it('wakes a live subscription at once on an append in this process (not at the next poll)', async () => {
    const store = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 600_000 });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => void seen.push(e));
    await subscription.caughtUp;
    await store.append('s', [event()]);
    await waitUntil(() => seen.length === 1, 'the live event, long before the 10-minute poll');
    await store.close();
  });

  it("wakes a live subscription when a head read shows another process's append (not at the next poll)", async () => {
    const path = join(dir.path, 'foreign-head.sqlite');
    const store = new SqliteEventStore({ path, pollIntervalMs: 600_000 });
    const other = new SqliteEventStore({ path, pollIntervalMs: 600_000 });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => void seen.push(e));
    await subscription.caughtUp;
    await store.headPosition();
    const appended = await other.append('s', [event()]);
    expect(await store.headPosition()).toBe(appended.position);
    await waitUntil(() => seen.length === 1, 'the other connection\'s event, long before the 10-minute poll');
    await Promise.all([store.close(), other.close()]);
  });

  it('group commit: appends of one turn to one stream, each expecting the revision the one before makes, all succeed in order', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const results = await Promise.all([
      store.append('g', [event()], { expectedRevision: 'no-stream' }),
      store.append('g', [event(), event()], { expectedRevision: 0n }),
      store.append('g', [event()], { expectedRevision: 2n }),
    ]);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 2n, 3n]);
    expect((await store.readStream('g')).map((e) => e.position)).toEqual([1n, 2n, 3n, 4n]);
    await store.close();
  });

  it('hands its own commits to its subscriptions as a read would give them (not the writer\'s objects), with no gap or duplicate beside another connection\'s appends', async () => {
    const path = join(dir.path, 'hand-over.sqlite');
    const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const other = new SqliteEventStore({ path });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: 'start' }, (e) => void seen.push(e));
    await subscription.caughtUp;
    const written = { id: uuidv7(), type: 'T', data: { n: 1, nested: { b: 2, a: 1 } } };
    const appends = [];
    for (let i = 0; i < 20; i++) {
      appends.push(store.append('h', [i === 0 ? written : event({ i })]), other.append('o', [event({ i })]));
      if (i % 5 === 0) await Promise.all(appends);
    }
    await Promise.all(appends);
    written.data.nested.a = 99; // the writer's object changes later; what was delivered must not
    await waitUntil(() => seen.length === 40, 'all 40 events');
    expect(seen).toEqual(await store.readAll());
    await Promise.all([store.close(), other.close()]);
  });

  it('appends made just before close() are committed, not refused', async () => {
    const path = join(dir.path, 'close-flush.sqlite');
    const store = new SqliteEventStore({ path });
    const appended = store.append('c', [event()]);
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 0n });
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.readStream('c')).toHaveLength(1);
    await reopened.close();
  });

  it('treats event ids case-insensitively and stores them in lower case', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const id = uuidv7().toUpperCase();
    const first = await store.append('s', [{ id, type: 'T', data: {} }]);
    expect(first.events[0].id).toBe(id.toLowerCase());
    expect(await store.append('s', [{ id: id.toLowerCase(), type: 'T', data: {} }])).toEqual(first);
    await store.close();
  });

  it('reads the log as stored text (readAllStored): the events of readAll, data and metadata as the canonical JSON their hashes cover', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('s', [{ id: uuidv7(), type: 'T', data: { z: 1, a: { y: [1, 'two'], b: null } }, metadata: { actor: { role: 'service' } } }, event({ n: 2 })]);
    await store.append('t', [event({ n: 3 })]);
    const events = await store.readAll();
    const stored = await store.readAllStored({ fromPosition: events[1].position, maxCount: 2 });
    expect(stored).toEqual(
      events.slice(1).map((e) => ({ id: e.id, type: e.type, stream: e.stream, revision: e.revision, position: e.position, dataJson: canonicalJson(e.data), metadataJson: canonicalJson(e.metadata), hash: e.hash })),
    );
    expect((await store.readAllStored())[0].dataJson).toBe('{"a":{"b":null,"y":[1,"two"]},"z":1}');
    await expect(store.readAllStored({ fromPosition: events[2].position + 5n })).resolves.toEqual([]);
    await expect(store.readAllStored({ maxCount: 0 })).rejects.toThrow(ValidationFailed);
    await store.close();
  });

  it('refuses a bad maxCount or position, naming the field', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await expect(store.readAll({ maxCount: 0 })).rejects.toMatchObject({ problems: [{ field: 'maxCount' }] });
    await expect(store.readAll({ fromPosition: -1n })).rejects.toBeInstanceOf(ValidationFailed);
    await store.close();
  });

  it('close() waits for a running handler, stops subscriptions, and the store then answers unavailable', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('s', [event()]);
    let release!: () => void;
    let finished = false;
    const subscription = store.subscribeToAll({ from: 'start' }, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    });
    await waitUntil(() => release !== undefined, 'the handler to start');
    const closing = store.close();
    release();
    await closing;
    expect(finished).toBe(true);
    await expect(subscription.caughtUp).rejects.toThrow('stopped before it caught up');
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.append('s', [event()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await store.close();
  });
});
