import { FixedClock } from '../../src/common/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { refused } from './policy-http.js';

/** Every policy write route (docs/api.md "Policy commands"), with a body it would accept from a regulator. */
const WRITES: [method: 'post' | 'put', path: string, body: object][] = [
  ['post', '/v1/regimes', { regimeId: 'r', title: 't', effectiveFrom: '2024-01-01', countingWindow: 'calendar-year', thresholds: [], exemptPurposes: [] }],
  ['put', '/v1/regimes/cn-2024-cross-border-provisions', { regimeId: 'cn-2024-cross-border-provisions', title: 't', effectiveFrom: '2024-01-01', countingWindow: 'calendar-year', thresholds: [], exemptPurposes: [] }],
  ['post', '/v1/regimes/cn-2024-cross-border-provisions/repeals', { effectiveFrom: '2026-01-01' }],
  ['post', '/v1/designations', { designationId: 'd', field: 'icv', classification: 'core', effectiveFrom: '2024-01-01' }],
  ['put', '/v1/designations/cn-auto-road-data', { designationId: 'cn-auto-road-data', field: 'icv', classification: 'core', effectiveFrom: '2024-01-01' }],
  ['post', '/v1/designations/cn-auto-road-data/lifts', { effectiveFrom: '2026-01-01' }],
  ['post', '/v1/data-lists', { listId: 'l', kind: 'negative', title: 't', zones: ['z'], effectiveFrom: '2024-01-01', entries: [] }],
  ['post', '/v1/data-lists/lingang-gdl-2024/expansions', { effectiveFrom: '2024-09-01', entries: [{ field: 'icv', category: 'rnd/battery' }] }],
  ['post', '/v1/data-lists/lingang-gdl-2024/withdrawals', { effectiveFrom: '2024-09-01', entries: [{ field: 'icv', category: 'rnd/testing' }] }],
  ['post', '/v1/data-lists/lingang-gdl-2024/extensions', { effectiveUntil: '2026-05-17' }],
  ['post', '/v1/data-lists/lingang-gdl-2024/terminations', { effectiveUntil: '2025-01-01' }],
  // After the entry changes and term changes above, which the amendment would otherwise get in the way of.
  ['put', '/v1/data-lists/lingang-gdl-2024', { listId: 'lingang-gdl-2024', kind: 'negative', title: 't', zones: ['z'], effectiveFrom: '2024-01-01', entries: [] }],
  ['post', '/v1/companies/tesla-shanghai/registrations', { zoneId: 'cn-hainan-ftp', effectiveFrom: '2024-01-01' }],
  ['post', '/v1/companies/tesla-shanghai/deregistrations', { zoneId: 'cn-shanghai-lingang', effectiveFrom: '2025-01-01' }],
  ['post', '/v1/companies/tesla-shanghai/ciio', { ciio: true, effectiveFrom: '2025-01-01' }],
  ['post', '/v1/instruments', { instrumentId: 'i2', companyId: 'tesla-shanghai', kind: 'certification', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2025-01-01' }],
  ['put', '/v1/instruments/i', { instrumentId: 'i', companyId: 'tesla-shanghai', kind: 'certification', scope: { destinations: ['DE'] }, effectiveFrom: '2024-01-01', effectiveUntil: '2025-01-01' }],
  ['post', '/v1/instruments/i/revocations', { effectiveFrom: '2024-06-01' }],
];

const INSTRUMENT = { instrumentId: 'i', companyId: 'tesla-shanghai', kind: 'certification', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2025-01-01' };

const READS = ['/v1/regimes/cn-2024-cross-border-provisions', '/v1/designations/cn-auto-road-data', '/v1/data-lists/lingang-gdl-2024', '/v1/companies/tesla-shanghai', '/v1/instruments/i'];

describe('policy over HTTP: who may write and read', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The Lingang pack gives the routes on existing facts something to act on; on 2024-12-01 its list runs.
    t = await createTestApp({ seed: 'lingang', clock: new FixedClock(new Date('2024-12-01T00:00:00+08:00')) });
    await t.http.post('/v1/instruments').set(t.auth(t.keys.regulator)).send(INSTRUMENT).expect(201);
  });
  afterAll(() => t.close());

  it.each(WRITES)('%s %s: 401 without a key or with an unknown one, 403 for auditor and service keys, nothing appended', async (method, path, body) => {
    await refused(t, 401, () => t.http[method](path).send(body));
    await refused(t, 401, () => t.http[method](path).set(t.auth('not-a-key')).send(body));
    await refused(t, 403, () => t.http[method](path).set(t.auth(t.keys.auditor)).send(body));
    await refused(t, 403, () => t.http[method](path).set(t.auth(t.keys.service)).send(body));
  });

  it('lets the regulator use every write route', async () => {
    for (const [method, path, body] of WRITES) {
      const response = await t.http[method](path).set(t.auth(t.keys.regulator)).send(body);
      expect(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`).toMatch(/ → 20[01] /);
    }
  });

  it.each(READS)('GET %s: auditors and regulators read, service keys may not (403), no key 401', async (path) => {
    await t.http.get(path).set(t.auth(t.keys.auditor)).expect(200);
    await t.http.get(path).set(t.auth(t.keys.regulator)).expect(200);
    await t.http.get(path).set(t.auth(t.keys.service)).expect(403);
    await t.http.get(path).expect(401);
  });
});
