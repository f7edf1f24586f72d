import { FixedClock } from '../../src/common/clock.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The whole ledger (AppModule, as `main` builds it) on EventStoreDB through the protocol double:
 * seeding, projections, queries and `/health` behave as on the embedded store.
 */
const clock = () => new FixedClock(new Date('2024-06-01T04:00:00Z'));
const verdictQuery = { companyId: 'tesla-shanghai', field: 'icv', category: 'after-sales/service-records', destination: 'DE', occurredAt: '2024-05-17T12:00:00+08:00' };

describe('the ledger on EventStoreDB (double)', () => {
  let double: EsdbDouble;
  let t: TestApp;
  beforeAll(async () => {
    double = await startEsdbDouble({ features: 'batch-append' });
    t = await createTestApp({ storeUrl: double.url, seed: 'lingang', clock: clock() });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

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
