import { randomUUID } from 'node:crypto';
import { binaryEvent, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { FixedClock } from '../../src/common/clock.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { waitUntil } from '../support/event-store/wait-until.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * The whole ledger (AppModule, as `main` builds it) on EventStoreDB through the protocol double:
 * seeding, projections, queries and `/health` behave as on the embedded store.
 */
const clock = () => new FixedClock(new Date('2024-06-01T04:00:00Z'));
const verdictQuery = { companyId: 'tesla-shanghai', field: 'icv', category: 'after-sales/service-records', destination: 'DE', occurredAt: '2024-05-17T12:00:00+08:00' };

/**
 * A seeded ledger on a double of its own for the enclosing describe block (so that what one block
 * does to its log, e.g. stopping the projections, stays there), closed after it.
 */
function onFreshLedger(started: (ledger: { double: EsdbDouble; t: TestApp }) => void): void {
  let ledger: { double: EsdbDouble; t: TestApp } | undefined;
  beforeAll(async () => {
    const double = await startEsdbDouble({ features: 'batch-append' });
    ledger = { double, t: await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() }) };
    started(ledger);
  });
  afterAll(async () => {
    await ledger?.t.close();
    await ledger?.double.close();
  });
}

describe('the ledger on EventStoreDB (double)', () => {
  let double: EsdbDouble;
  let t: TestApp;
  onFreshLedger((started) => ({ double, t } = started));

  it('seeds the Lingang pack, answers the worked example, and reports the store as healthy', async () => {
    const seeded = await t.store.readAll();
    expect(seeded.map((e) => e.type)).toContain('DataListPublished');
    const verdict = await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send(verdictQuery).expect(200);
    expect(verdict.body).toMatchObject({ legal: true, requirement: 'none', classification: 'general' });
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
    const health = await t.http.get('/health').set(t.auth(t.keys.auditor)).expect(200);
    expect(health.body).toEqual({ status: 'ok', store: 'eventstoredb', position: seeded[seeded.length - 1].position.toString() });
  });

  it('a second ledger instance on the same server seeds nothing twice', async () => {
    const before = await t.store.readAll();
    const second = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
    try {
      expect((await second.store.readAll()).map((e) => e.id)).toEqual(before.map((e) => e.id));
    } finally {
      await second.close();
    }
  });

  it('answers 503 on /health while the server is down and recovers when it is back', async () => {
    await double.stop();
    expect((await t.http.get('/health').expect(503)).body).toEqual({ status: 'unavailable' });
    const down = await t.http.get('/health').set(t.auth(t.keys.auditor)).expect(503);
    expect(down.body).toEqual({ status: 'unavailable', store: 'eventstoredb', message: 'the event store is unavailable; retry later' });
    await double.restart();
    await t.http.get('/health').expect(200);
    const verdict = await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send(verdictQuery).expect(200);
    expect(verdict.body).toMatchObject({ legal: true });
  });
});

/** The answer without the fields that echo the cut asked for. */
const withoutCut = (body: Record<string, unknown>): Record<string, unknown> => {
  const { position: _position, knownAt: _knownAt, ...rest } = body;
  return rest;
};

describe('the ledger on EventStoreDB (double): positions from users', () => {
  let double: EsdbDouble;
  let t: TestApp;
  let log: RecordedEvent[];
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    t = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
    const transfer = { transferId: 'tr-positions', companyId: TEST_COMPANY, field: 'icv', category: 'after-sales/service-records', destination: 'US', occurredAt: '2024-05-20T10:00:00+08:00' };
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer).expect(201);
    log = await t.store.readAll();
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  it('every endpoint that takes a position answers one between two events as the cut of the earlier (a page from the later), never a 500', async () => {
    // EventStoreDB positions are byte offsets: one past an event's is inside that event.
    const at = log.length - 3;
    const [earlier, later] = [log[at], log[at + 1]];
    const inside = (earlier.position + 1n).toString();
    expect(earlier.position + 1n).toBeLessThan(later.position);
    const auditor = t.auth(t.keys.auditor);
    const reads = [
      '/v1/data-lists/lingang-gdl-2024',
      '/v1/companies/tesla-shanghai',
      '/v1/audit/policy-state?date=2024-06-03',
      '/v1/transfers/tr-positions',
      '/v1/transfers/tr-positions/legality',
    ];
    for (const path of reads) {
      const join = path.includes('?') ? '&' : '?';
      const between = await t.http.get(`${path}${join}position=${inside}`).set(auditor);
      const exact = await t.http.get(`${path}${join}position=${earlier.position}`).set(auditor);
      expect({ path, status: between.status }).toEqual({ path, status: exact.status });
      expect(withoutCut(between.body)).toEqual(withoutCut(exact.body));
    }
    const evaluate = { companyId: 'tesla-shanghai', field: 'icv', category: 'after-sales/service-records', destination: 'DE', occurredAt: '2024-05-17T12:00:00+08:00' };
    const between = await t.http.post('/v1/legality/evaluate').set(auditor).send({ ...evaluate, position: inside }).expect(200);
    const exact = await t.http.post('/v1/legality/evaluate').set(auditor).send({ ...evaluate, position: earlier.position.toString() }).expect(200);
    expect(withoutCut(between.body)).toEqual(withoutCut(exact.body));

    const page = await t.http.get(`/v1/audit/timeline?fromPosition=${inside}&limit=1`).set(auditor).expect(200);
    expect(page.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([later.id]);
    expect(page.body.nextFromPosition).toBe(log[at + 2].position.toString());
    const beyond = await t.http.get(`/v1/audit/timeline?fromPosition=${log[log.length - 1].position + 1n}`).set(auditor).expect(200);
    expect(beyond.body).toEqual({ events: [], nextFromPosition: null });
  });
});

describe('the ledger on EventStoreDB (double) shared with other applications', () => {
  let double: EsdbDouble;
  let t: TestApp;
  let other: EventStoreDBClient;
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    other = EventStoreDBClient.connectionString(double.url);
    // Another application was there first, with events of its own of every kind.
    await other.appendToStream('orders-1', [jsonEvent({ type: 'OrderPlaced', data: { id: 1 } }), binaryEvent({ type: 'Invoice', data: new Uint8Array([37, 80, 68, 70]) })]);
    t = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
  });
  afterAll(async () => {
    await t.close();
    await other.dispose();
    await double.close();
  });

  it('starts, seeds and answers around them, and says in its log that it skipped them', async () => {
    await other.appendToStream('orders-1', binaryEvent({ type: 'Invoice', data: new Uint8Array([1]) }));
    const verdict = await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send(verdictQuery).expect(200);
    expect(verdict.body).toMatchObject({ legal: true });
    const seeded = await t.store.readAll();
    expect(seeded.some((e) => e.stream === 'orders-1')).toBe(false);
    await t.http.get('/v1/audit/verification').set(t.auth(t.keys.auditor)).expect(200).expect((r) => expect(r.body.ok).toBe(true));
    expect(t.logs.some((line) => /skipped \d+ foreign event\(s\) in \$all/.test(line))).toBe(true);
  });

  it('a malformed event written into one of its streams stops the projections with an error naming it', async () => {
    await other.appendToStream('transfer-forged', binaryEvent({ type: 'TransferRecorded', data: new Uint8Array([0xff]) }));
    await waitUntil(() => t.logs.some((line) => line.includes('legality projections stopped') && line.includes('transfer-forged@0')), 'the projections to stop on the forged event');
    const verification = await t.http.get('/v1/audit/verification').set(t.auth(t.keys.auditor)).expect(200);
    expect(verification.body).toMatchObject({ ok: false, firstProblem: { stream: 'transfer-forged', revision: '0', problem: 'content' } });
  });
});

describe('the ledger on EventStoreDB (double) with a misshapen event in its log', () => {
  let t: TestApp;
  onFreshLedger((started) => ({ t } = started));

  it('a chained event whose data is not the shape its type says stops the projections naming its type, position and stream', async () => {
    const { position } = await t.store.append('transfer-misshapen', [{ id: randomUUID(), type: 'TransferRecorded', data: { transferId: 'misshapen' } }]);
    await waitUntil(
      () => t.logs.some((line) => line.includes('legality projections stopped') && line.includes(`TransferRecorded event at position ${position} (stream transfer-misshapen)`)),
      'the projections to stop naming the misshapen event',
    );
  });
});

describe('the ledger on EventStoreDB (double) started while the server is down', () => {
  let double: EsdbDouble;
  let t: TestApp | undefined;
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    await double.stop();
  });
  afterAll(async () => {
    await t?.close();
    await double.close();
  });

  it('starts anyway with the seed waiting for the store, answers 503 on /health meanwhile, and seeds once the server is back', async () => {
    t = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
    const down = await t.http.get('/health').set(t.auth(t.keys.auditor)).expect(503);
    expect(down.body).toMatchObject({ status: 'unavailable', store: 'eventstoredb' });
    expect(t.logs.some((line) => line.includes('Lingang pack waits for the event store'))).toBe(true);
    await double.restart();
    const app = t;
    await waitUntil(async () => (await app.http.get('/health')).status === 200, 'the store to answer', 20_000);
    await waitUntil(async () => (await app.store.readAll()).some((e) => e.type === 'DataListPublished'), 'the Lingang pack', 20_000);
    const verdict = await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send(verdictQuery).expect(200);
    expect(verdict.body).toMatchObject({ legal: true });
  }, 60_000);
});
