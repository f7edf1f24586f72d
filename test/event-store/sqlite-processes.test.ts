import { join } from 'node:path';
import { verifyChains } from '../../src/event-store/chain-verification.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { spawnWriter, type RunningWriter } from '../support/event-store/spawn-writer.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { waitUntil } from '../support/event-store/wait-until.js';

/** Every acknowledged event is in the log exactly once, at the acknowledged stream and position. */
function expectAcknowledged(writers: readonly RunningWriter[], log: readonly RecordedEvent[]): void {
  const byId = new Map(log.map((e) => [e.id, e]));
  expect(byId.size).toBe(log.length); // no id twice
  for (const writer of writers) {
    for (const ack of writer.acks) {
      const recorded = ack.ids.map((id) => byId.get(id));
      expect(recorded.every((e) => e !== undefined && e.stream === ack.stream)).toBe(true);
      expect(recorded[recorded.length - 1]?.position.toString()).toBe(ack.position);
    }
  }
}

describe('the SQLite store with writer processes', () => {
  const dir = makeTempDir('ledger-processes');
  afterAll(() => dir.remove());

  it('SIGKILL mid-stream loses no acknowledged append, and the chains still verify', async () => {
    const file = join(dir.path, 'killed.sqlite');
    const writer = spawnWriter(file, 'k', 'forever', ['k-a', 'k-b', 'k-c']);
    await waitUntil(writer.ready, 'the writer to open the store', 30_000);
    writer.start();
    await waitUntil(() => writer.acks.length >= 300, '300 acknowledged appends', 60_000);
    writer.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal).toBe('SIGKILL');

    const store = new SqliteEventStore({ path: file });
    try {
      const log = await store.readAll();
      expectAcknowledged([writer], log);
      expect(log.length).toBeGreaterThanOrEqual(writer.acks.reduce((n, ack) => n + ack.ids.length, 0));
      const verification = await verifyChains(store);
      expect(verification).toMatchObject({ ok: true, streams: 3, eventsChecked: log.length });
      // The store still takes appends after the crash.
      await expect(store.append('k-a', [{ id: '018f0000-0000-7000-8000-000000000001', type: 'AfterCrash', data: {} }])).resolves.toBeDefined();
    } finally {
      await store.close();
    }
  }, 90_000);

  it('two processes writing the same file at once (shared and own streams, expected revisions, retries): every event once, chains verify', async () => {
    const file = join(dir.path, 'shared.sqlite');
    const shared = ['shared-0', 'shared-1'];
    const writers = [spawnWriter(file, 'w1', 300, [...shared, 'own-1']), spawnWriter(file, 'w2', 300, [...shared, 'own-2'])];
    await waitUntil(() => writers.every((w) => w.ready()), 'both writers to open the store', 30_000);
    for (const writer of writers) writer.start();
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const exit of exits) expect(exit).toMatchObject({ code: 0, stderr: '' });
    expect(writers.map((w) => w.acks.length)).toEqual([300, 300]);

    const store = new SqliteEventStore({ path: file });
    try {
      const log = await store.readAll();
      expectAcknowledged(writers, log);
      // Only acknowledged appends were written: nothing lost, nothing extra.
      expect(log.length).toBe(writers.flatMap((w) => w.acks).reduce((n, ack) => n + ack.ids.length, 0));
      for (const stream of [...shared, 'own-1', 'own-2']) {
        const revisions = (await store.readStream(stream)).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
      }
      expect(await verifyChains(store)).toMatchObject({ ok: true, streams: 4, eventsChecked: log.length });
      // They did contend: stale expected revisions were refused and retried.
      expect(writers.map((w) => w.conflicts() ?? 0).reduce((a, b) => a + b)).toBeGreaterThan(0);
      // Both wrote to the shared streams.
      const writersOf = new Set(log.filter((e) => shared.includes(e.stream)).map((e) => e.metadata.writer));
      expect(writersOf).toEqual(new Set(['w1', 'w2']));
    } finally {
      await store.close();
    }
  }, 120_000);
});
