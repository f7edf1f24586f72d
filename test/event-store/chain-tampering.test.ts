import Database from 'better-sqlite3';
import { join } from 'node:path';
import { verifyChains, type ChainVerification } from '../../src/event-store/chain-verification.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { computeEventHash } from '../../src/event-store/hash-chain.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { uuidv7 } from '../../src/common/ids.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';

/**
 * Someone with write access to the file edits it with raw SQL; verification must name the first
 * bad event. The log: streams a (6 events) and b (3) interleaved, then c (1,200: more than one
 * page of the verifier's reads).
 */
describe('chain verification against tampering with the SQLite file', () => {
  const dir = makeTempDir('ledger-tamper');
  let file: string;
  let a: RecordedEvent[];
  let b: readonly RecordedEvent[];
  let c: readonly RecordedEvent[];

  const append = async (store: SqliteEventStore, stream: string, count: number) =>
    (await store.append(stream, Array.from({ length: count }, (_, i) => ({ id: uuidv7(), type: 'T', data: { i, text: '篡改' } })))).events;

  beforeEach(async () => {
    file = join(dir.path, `${uuidv7()}.sqlite`);
    const store = new SqliteEventStore({ path: file });
    a = [...(await append(store, 'a', 2)), ...(await append(store, 'a', 1))];
    b = await append(store, 'b', 3);
    a.push(...(await append(store, 'a', 3)));
    c = await append(store, 'c', 1200);
    await store.close();
  });
  afterAll(() => dir.remove());

  /** Runs raw SQL on the file, then verifies through a fresh store. */
  async function tamperAndVerify(edit: (db: Database.Database) => void): Promise<ChainVerification> {
    const db = new Database(file);
    edit(db);
    db.close();
    const store = new SqliteEventStore({ path: file });
    try {
      return await verifyChains(store);
    } finally {
      await store.close();
    }
  }

  it('an untouched log verifies, counting streams and events', async () => {
    const verification = await tamperAndVerify(() => undefined);
    expect(verification).toEqual({ ok: true, streams: 3, eventsChecked: 1209, headPosition: c[c.length - 1].position });
  });

  it("an edited row's data is a content problem at that event", async () => {
    const verification = await tamperAndVerify((db) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.i', 99) WHERE stream = 'a' AND revision = 2").run(),
    );
    expect(verification.ok).toBe(false);
    expect(verification.firstProblem).toMatchObject({ stream: 'a', revision: 2n, eventId: a[2].id, position: a[2].position, problem: 'content' });
    expect(verification.firstProblem?.detail).toContain('hash');
  });

  it('an edit re-hashed by the editor still breaks the link to the next event', async () => {
    const verification = await tamperAndVerify((db) => {
      const data = { i: 1, text: 'forged' };
      const hash = computeEventHash({ stream: 'b', revision: 1n, type: 'T', data, metadata: {}, previousHash: b[0].hash });
      db.prepare("UPDATE events SET data = ?, hash = ? WHERE stream = 'b' AND revision = 1").run(canonicalJson(data), hash);
    });
    expect(verification.firstProblem).toMatchObject({ stream: 'b', revision: 2n, eventId: b[2].id, problem: 'content' });
  });

  it('two swapped revisions are an order problem at the first of them in the log', async () => {
    const verification = await tamperAndVerify((db) => {
      const move = db.prepare("UPDATE events SET revision = ? WHERE stream = 'a' AND revision = ?");
      db.transaction(() => {
        move.run(-1, 1);
        move.run(1, 4);
        move.run(4, -1);
      })();
    });
    // The row at a[1]'s position now claims revision 4.
    expect(verification.firstProblem).toMatchObject({ stream: 'a', revision: 4n, eventId: a[1].id, position: a[1].position, problem: 'order' });
  });

  it('a deleted middle event is a missing problem at the event after the gap', async () => {
    const verification = await tamperAndVerify((db) => db.prepare("DELETE FROM events WHERE stream = 'a' AND revision = 3").run());
    expect(verification.firstProblem).toMatchObject({ stream: 'a', revision: 4n, eventId: a[4].id, problem: 'missing' });
    expect(verification.firstProblem?.detail).toContain('revision 3 is missing');
    expect(verification.eventsChecked).toBe(1208);
  });

  it('the same content stored in other bytes (whitespace, another key order) still verifies: the hash covers the canonical JSON of the content', async () => {
    const verification = await tamperAndVerify((db) => {
      db.prepare(`UPDATE events SET data = '{ "text" : "篡改", "i" : 1 }' WHERE stream = 'a' AND revision = 1`).run();
      db.prepare(`UPDATE events SET metadata = ' { } ' WHERE stream = 'b' AND revision = 0`).run();
    });
    expect(verification).toEqual({ ok: true, streams: 3, eventsChecked: 1209, headPosition: c[c.length - 1].position });
  });

  it('stored data that is not JSON is a content problem at that event, and verification goes on counting', async () => {
    const verification = await tamperAndVerify((db) => db.prepare(`UPDATE events SET data = '{"i": 3, ' WHERE stream = 'a' AND revision = 3`).run());
    expect(verification.firstProblem).toMatchObject({ stream: 'a', revision: 3n, eventId: a[3].id, position: a[3].position, problem: 'content' });
    expect(verification.firstProblem?.detail).toBe('its stored data or metadata is not JSON');
    expect(verification.eventsChecked).toBe(1209);
  });

  it('with several problems, the first in log order is named', async () => {
    const verification = await tamperAndVerify((db) => {
      db.prepare("UPDATE events SET type = 'Forged' WHERE stream = 'c' AND revision = 1100").run();
      db.prepare("UPDATE events SET metadata = '{\"actor\":\"mallory\"}' WHERE stream = 'a' AND revision = 5").run();
    });
    expect(verification.firstProblem).toMatchObject({ stream: 'a', revision: 5n, problem: 'content' });
    const later = await tamperAndVerify((db) => db.prepare("UPDATE events SET metadata = '{}' WHERE stream = 'a' AND revision = 5").run());
    expect(later.firstProblem).toMatchObject({ stream: 'c', revision: 1100n, eventId: c[1100].id, problem: 'content' });
  });
});
