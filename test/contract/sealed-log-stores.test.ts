import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/clock.js';
import { uuidv7 } from '../../src/common/ids.js';
import type { EventToAppend } from '../../src/event-store/event-store.port.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { eventLeaf, mth } from '../support/rfc9162.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The same events give the same Merkle roots on SQLite and on EventStoreDB (the double): a
 * leaf is the event's ordinal in the log and its chain hash, never its position, which differs
 * between the stores. Two ledgers, one on each, seeded alike and given the same further events.
 */
const clock = () => new FixedClock(new Date('2024-06-01T04:00:00Z'));

describe('the sealed log on SQLite and on EventStoreDB', () => {
  let double: EsdbDouble;
  let sqlite: TestApp;
  let esdb: TestApp;
  const get = async (t: TestApp, path: string) => (await t.http.get(path).set(t.auth(t.keys.auditor)).expect(200)).body;

  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    sqlite = await createTestApp({ storeUrl: 'sqlite::memory:', seed: 'lingang', clock: clock() });
    esdb = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
    // The same further events, ids included, through the port of each.
    const more: [string, EventToAppend[]][] = [
      ['audit-notes-a', [{ id: uuidv7(), type: 'NoteTaken', data: { n: 1 } }, { id: uuidv7(), type: 'NoteTaken', data: { n: 2, text: 'né' } }]],
      ['audit-notes-b', [{ id: uuidv7(), type: 'NoteTaken', data: { nested: { list: [1, 2, 3] } }, metadata: { actor: { role: 'auditor' } } }]],
      ['audit-notes-a', [{ id: uuidv7(), type: 'NoteTaken', data: { n: 3 } }]],
    ];
    for (const [stream, events] of more) {
      await sqlite.store.append(stream, events);
      await esdb.store.append(stream, events);
    }
  });
  afterAll(async () => {
    await sqlite?.close();
    await esdb?.close();
    await double?.close();
  });

  it('both logs hold the same events with the same chain hashes, at different positions', async () => {
    const [a, b] = [await sqlite.store.readAll(), await esdb.store.readAll()];
    expect(a.map((e) => [e.id, e.hash])).toEqual(b.map((e) => [e.id, e.hash]));
    expect(a.map((e) => e.position)).not.toEqual(b.map((e) => e.position));
  });

  it('every tree size has the same root on both, the one RFC 9162 gives the log’s hashes; each checkpoint names its own store’s position', async () => {
    const log = await sqlite.store.readAll();
    const other = await esdb.store.readAll();
    const leaves = log.map((e) => eventLeaf(e.hash));
    for (let n = 1; n <= log.length; n++) {
      const [onSqlite, onEsdb] = [await get(sqlite, `/v1/audit/checkpoint?position=${log[n - 1].position}`), await get(esdb, `/v1/audit/checkpoint?position=${other[n - 1].position}`)];
      expect(onSqlite).toMatchObject({ treeSize: n, rootHash: mth(leaves.slice(0, n)).toString('hex'), position: log[n - 1].position.toString(10) });
      expect(onEsdb).toMatchObject({ treeSize: n, rootHash: onSqlite.rootHash, position: other[n - 1].position.toString(10) });
    }
  });

  it('proofs are the same on both: an inclusion proof by event id, a consistency proof between tree sizes', async () => {
    const log = await sqlite.store.readAll();
    for (const event of [log[0], log[5], log[log.length - 1]]) {
      const [a, b] = [await get(sqlite, `/v1/audit/proofs/inclusion?eventId=${event.id}`), await get(esdb, `/v1/audit/proofs/inclusion?eventId=${event.id}`)];
      expect(b).toMatchObject({ leafIndex: a.leafIndex, treeSize: a.treeSize, leafHash: a.leafHash, auditPath: a.auditPath, hash: a.hash });
    }
    const [a, b] = [await get(sqlite, '/v1/audit/proofs/consistency?from=3'), await get(esdb, '/v1/audit/proofs/consistency?from=3')];
    expect(b.proof).toEqual(a.proof);
  });
});
