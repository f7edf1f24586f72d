import { FixedClock } from '../../src/common/clock.js';
import { expiryEventId } from '../../src/policy/commands/expire-data-list/expire-data-list.handler.js';
import { sharedStore } from '../support/esdb-double/shared-store.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const at = (instant: string) => new FixedClock(new Date(instant));

describe('the Lingang pack seeded at start-up (LEDGER_SEED=lingang)', () => {
  describe('in an empty ledger, before the pilot ends', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ seed: 'lingang', clock: at('2024-06-01T04:00:00Z') });
    });
    afterAll(() => t.close());

    it('records the facts of docs/domain.md §5 as ordinary events by the system actor', async () => {
      const events = await t.store.readAll();
      expect(events.map((e) => `${e.type} ${e.stream}`)).toEqual([
        'RegimeEnacted regime-cn-2022-assessment-measures',
        'RegimeEnacted regime-cn-2023-standard-contract',
        'RegimeEnacted regime-cn-2024-cross-border-provisions',
        'DataDesignated designation-cn-auto-data-conservative',
        'DataDesignated designation-cn-auto-road-data',
        'DataDesignated designation-cn-auto-road-data-trajectories',
        'DataListPublished data-list-lingang-gdl-2024',
        'CompanyRegistered company-tesla-shanghai',
      ]);
      for (const event of events) expect(event.metadata).toEqual({ actor: { role: 'system', keyId: 'seed' } });
    });

    it('publishes the list for 12 months from 2024-05-17 with its 13 entries, not expired yet', async () => {
      const list = await t.http.get('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.auditor)).expect(200);
      expect(list.body.current).toMatchObject({ termEnd: '2025-05-17', content: { effectiveFrom: '2024-05-17', termMonths: 12, zones: ['cn-shanghai-lingang'] } });
      expect(list.body.current.entries).toHaveLength(13);
      expect(list.body.current.expiredOn).toBeUndefined();
    });

    it('registers tesla-shanghai in Lingang from 2018-10-17, not a CIIO', async () => {
      const company = await t.http.get('/v1/companies/tesla-shanghai').set(t.auth(t.keys.auditor)).expect(200);
      expect(company.body.current).toEqual({ registrations: [{ zoneId: 'cn-shanghai-lingang', effectiveFrom: '2018-10-17' }], ciio: [] });
    });

    it('answers the worked example of docs/domain.md §6: after-sales data on 2024-05-17 needs nothing', async () => {
      const verdict = await t.http
        .post('/v1/legality/evaluate')
        .set(t.auth(t.keys.auditor))
        .send({ companyId: 'tesla-shanghai', field: 'icv', category: 'after-sales/service-records', destination: 'DE', occurredAt: '2024-05-17T12:00:00+08:00' });
      expect(verdict.status).toBe(200);
      expect(verdict.body).toMatchObject({ legal: true, requirement: 'none', classification: 'general' });
    });
  });

  it('records the expiry at start-up when the term ended while the ledger was down', async () => {
    const t = await createTestApp({ seed: 'lingang', clock: at('2026-11-25T00:00:00Z') });
    try {
      const list = await t.http.get('/v1/data-lists/lingang-gdl-2024').set(t.auth(t.keys.regulator)).expect(200);
      expect(list.body.current.expiredOn).toBe('2025-05-17');
      const expired = list.body.history.filter((e: { type: string }) => e.type === 'DataListExpired');
      expect(expired).toEqual([expect.objectContaining({ eventId: expiryEventId('lingang-gdl-2024', '2025-05-17'), data: { listId: 'lingang-gdl-2024', effectiveUntil: '2025-05-17' } })]);
    } finally {
      await t.close();
    }
  });

  it('leaves a ledger that is not empty alone, and seeds nothing with LEDGER_SEED=none', async () => {
    const store = await sharedStore('policy-seed');
    const storeUrl = store.url;
    try {
      const empty = await createTestApp({ storeUrl, seed: 'none', clock: at('2024-06-01T00:00:00Z') });
      expect(await empty.store.headPosition()).toBeUndefined();
      await empty.http
        .post('/v1/companies/acme/registrations')
        .set(empty.auth(empty.keys.regulator))
        .send({ zoneId: 'cn-shanghai-lingang', effectiveFrom: '2020-01-01' })
        .expect(201);
      await empty.close();
      const seeded = await createTestApp({ storeUrl, seed: 'lingang', clock: at('2024-06-01T00:00:00Z') });
      expect((await seeded.store.readAll()).map((e) => e.stream)).toEqual(['company-acme']);
      await seeded.close();
    } finally {
      await store.remove();
    }
  });

  it('appends the pack once when two instances seed one ledger at the same time', async () => {
    const store = await sharedStore('policy-seed-twice');
    const storeUrl = store.url;
    try {
      const apps = await Promise.all([1, 2].map(() => createTestApp({ storeUrl, seed: 'lingang', clock: at('2026-11-25T00:00:00Z') })));
      const events = await apps[0].store.readAll();
      expect(events).toHaveLength(9);
      expect(new Set(events.map((e) => e.stream)).size).toBe(8);
      expect(events.filter((e) => e.type === 'DataListExpired')).toHaveLength(1);
      await Promise.all(apps.map((a) => a.close()));
    } finally {
      await store.remove();
    }
  });
});
