import Database from 'better-sqlite3';
import { jest } from '@jest/globals';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../../src/common/ids.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { CHECKPOINT_EVERY_EVENTS } from '../../src/event-store/sqlite/wal-checkpointer.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { waitUntil } from '../support/event-store/wait-until.js';

/** An event of about 2 kB, so that a few thousand make a WAL of many megabytes if nothing checkpoints it. */
const bulky = (n: number) => ({ id: uuidv7(), type: 'T', data: { n, text: 'x'.repeat(2000) } });
const walSize = (path: string): number => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
const MB = 1024 * 1024;

/** Appends `groups` group commits of `perGroup` appends of one event each, one group per turn, answering the largest WAL seen. */
async function appendMany(store: SqliteEventStore, path: string, groups: number, perGroup: number): Promise<number> {
  let largest = 0;
  for (let g = 0; g < groups; g++) {
    await Promise.all(Array.from({ length: perGroup }, (_, i) => store.append(`s-${i}`, [bulky(g * perGroup + i)])));
    largest = Math.max(largest, walSize(path));
  }
  return largest;
}

describe('the SQLite store checkpoints its WAL on a worker thread', () => {
  const dir = makeTempDir('ledger-wal');
  afterAll(() => dir.remove());

  it('commits never checkpoint (autocheckpoint off) while the worker runs; :memory: needs none', async () => {
    const store = new SqliteEventStore({ path: join(dir.path, 'mode.sqlite') });
    expect(store.checkpointing()).toEqual({ by: 'worker', autocheckpointPages: 0 });
    await store.close();
    const memory = new SqliteEventStore({ path: ':memory:' });
    expect(memory.checkpointing().by).toBe('none');
    await memory.close();
  });

  it('keeps the WAL bounded while appending about 24 MB of events, and loses nothing across close and reopen', async () => {
    const path = join(dir.path, 'bounded.sqlite');
    const store = new SqliteEventStore({ path });
    const largest = await appendMany(store, path, 200, 60);
    // 12,000 events of 2 kB: without checkpoints the WAL would hold all of them (near 60 MB with
    // the indexes' pages); the worker alone is outrun at this rate (or starved of CPU), and the
    // connection steps in past WAL_LIMIT_FRAMES (8 MB) or EVENTS_WITHOUT_PASS_LIMIT events.
    expect(largest).toBeLessThan(16 * MB);
    await store.close();
    expect(walSize(path)).toBe(0); // the last connection checkpointed it and removed it
    const reopened = new SqliteEventStore({ path });
    const all = await reopened.readAll();
    expect(all).toHaveLength(12_000);
    expect(all.map((event) => event.data.n)).toEqual(Array.from({ length: 12_000 }, (_, n) => n));
    await reopened.close();
  }, 60_000);

  it('a store whose checkpointer stopped logs it, still appends, and checkpoints on its own connection again (the WAL stays bounded)', async () => {
    const path = join(dir.path, 'fallback.sqlite');
    const logged: string[] = [];
    const store = new SqliteEventStore({ path, log: (level, message) => logged.push(`${level}: ${message}`) });
    await store.killCheckpointerForTests();
    await waitUntil(() => store.checkpointing().by === 'connection', 'the connection to checkpoint again');
    expect(store.checkpointing()).toEqual({ by: 'connection', autocheckpointPages: 1000 });
    expect(logged).toEqual([expect.stringMatching(/^error: the SQLite WAL checkpointer stopped .*commits checkpoint the WAL themselves again$/)]);
    const largest = await appendMany(store, path, 100, 60);
    expect(largest).toBeLessThan(12 * MB);
    expect(await store.readAll()).toHaveLength(6000);
    await store.close();
  }, 60_000);

  it('a reader of another connection on an old snapshot: commits go on, the connection tries its checkpoint every 256 events (not at every commit), and the WAL restarts once the reader is done', async () => {
    const path = join(dir.path, 'reader.sqlite');
    const store = new SqliteEventStore({ path });
    await appendMany(store, path, 1, 30);
    // Another process's reader, in a read transaction: no checkpoint can copy the frames after its snapshot.
    const reader = new Database(path, { readonly: true });
    reader.prepare('BEGIN').run();
    expect(reader.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 30 });
    const tries = jest.spyOn(SqliteEventStore.prototype as unknown as { checkpointHere(): void }, 'checkpointHere');
    try {
      // 9,000 events of 2 kB in commits of 30: the WAL outgrows its limit after about 4,000, and
      // the connection tries from then on, each try only copying what the reader lets it.
      await appendMany(store, path, 300, 30);
      const tried = tries.mock.calls.length;
      expect(tried).toBeGreaterThan(0);
      // Once per 256 events (about 20 for the 5,000 after the limit), not once per commit (about 170).
      expect(tried).toBeLessThanOrEqual(Math.ceil(9000 / CHECKPOINT_EVERY_EVENTS) + 2);
    } finally {
      tries.mockRestore();
      reader.prepare('COMMIT').run();
      reader.close();
    }
    const held = walSize(path);
    // The reader gone, the connection's next try (within 256 events) copies everything and the WAL
    // restarts from its start: another 6,000 events (some 45 MB of frames) reuse the file.
    const largest = await appendMany(store, path, 200, 30);
    expect(largest).toBeLessThan(held + 8 * MB);
    expect(await store.readAll()).toHaveLength(15_030);
    await store.close();
  }, 60_000);

  it('two stores on one file each run a checkpointer; a checkpoint of one busy against the other is no failure', async () => {
    const path = join(dir.path, 'shared.sqlite');
    const logged: string[] = [];
    const log = (level: string, message: string) => logged.push(`${level}: ${message}`);
    const a = new SqliteEventStore({ path, log });
    const b = new SqliteEventStore({ path, log });
    await Promise.all([appendMany(a, path, 60, 30), appendMany(b, path, 60, 30)]);
    expect(a.checkpointing().by).toBe('worker');
    expect(b.checkpointing().by).toBe('worker');
    expect(logged).toEqual([]);
    expect(await a.readAll()).toHaveLength(3600);
    await a.close();
    await b.close();
  }, 60_000);
});
