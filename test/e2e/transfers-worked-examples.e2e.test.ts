import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/** docs/domain.md §6, recorded through POST /v1/transfers on the Lingang pack (seed `lingang`). */

let t: TestApp;
let sequence = 0;

const record = (category: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
  t.http
    .post('/v1/transfers')
    .set(t.auth(t.keys.service))
    .send({ transferId: `example-${++sequence}`, companyId: TEST_COMPANY, field: 'icv', category, destination: 'US', occurredAt, ...extra })
    .expect(201);
const factIds = (verdict: { basis: { factId: string }[] }): string[] => verdict.basis.map((c) => c.factId);

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterAll(async () => {
  await t.close();
});

describe('docs/domain.md §6 worked examples for tesla-shanghai', () => {
  it('2024-05-16, after-sales service records: security assessment, illegal (designated important, list not yet in force)', async () => {
    const { verdict } = (await record('after-sales/service-records', '2024-05-16T12:00:00+08:00')).body;
    expect(verdict).toMatchObject({ date: '2024-05-16', requirement: 'security-assessment', legal: false, classification: 'important', satisfiedBy: [] });
    expect(factIds(verdict)).toContain('cn-auto-data-conservative');
  });

  it('2024-05-17: requirement none, legal (the list entry lifts the designation)', async () => {
    const { verdict } = (await record('after-sales/service-records', '2024-05-17T00:00:00+08:00')).body;
    expect(verdict).toMatchObject({ date: '2024-05-17', requirement: 'none', legal: true, classification: 'general' });
    expect(factIds(verdict)).toContain('lingang-gdl-2024');
  });

  it('2025-05-16: legal on the last day of the term', async () => {
    const { verdict } = (await record('after-sales/service-records', '2025-05-16T23:59:59+08:00')).body;
    expect(verdict).toMatchObject({ date: '2025-05-16', requirement: 'none', legal: true, classification: 'general' });
  });

  it('2025-05-17: security assessment, illegal (the pilot expired)', async () => {
    // 16:00 UTC on 16 May is already 17 May in Shanghai.
    const { verdict } = (await record('after-sales/service-records', '2025-05-16T16:00:00Z')).body;
    expect(verdict).toMatchObject({ date: '2025-05-17', requirement: 'security-assessment', legal: false, classification: 'important' });
  });

  it('2024-06-01, road exterior video: security assessment, illegal (not on the list), legal once an approval is granted', async () => {
    const before = (await record('road/exterior-video', '2024-06-01T09:00:00+08:00')).body;
    expect(before.verdict).toMatchObject({ requirement: 'security-assessment', legal: false, classification: 'important' });
    expect(factIds(before.verdict)).toContain('cn-auto-road-data');

    await t.http
      .post('/v1/instruments')
      .set(t.auth(t.keys.regulator))
      .send({
        instrumentId: 'tesla-road-data-assessment',
        companyId: TEST_COMPANY,
        kind: 'security-assessment',
        scope: { categories: [{ field: 'icv', category: 'road/exterior-video' }] },
        effectiveFrom: '2024-06-01',
        effectiveUntil: '2027-06-01',
      })
      .expect(201);
    const after = (await record('road/exterior-video', '2024-06-02T09:00:00+08:00')).body;
    expect(after.verdict).toMatchObject({ requirement: 'security-assessment', legal: true, satisfiedBy: ['tesla-road-data-assessment'] });

    // The first transfer's approval came later in record time but holds on its date: changed as known now.
    const now = await t.http.get(`/v1/transfers/${before.transferId}/legality`).set(t.auth(t.keys.auditor)).expect(200);
    expect(now.body).toMatchObject({ legal: true, changed: true, recordedVerdict: before.verdict });
    expect(now.body.differences.map((d: { aspect: string }) => d.aspect)).toEqual(['legal', 'satisfiedBy']);
  });

  it('2024-07-01, 150,000 people\'s personal information: standard contract, illegal until one is filed', async () => {
    const { verdict } = (await record('after-sales/service-records', '2024-07-01T10:00:00+08:00', { personalInfoSubjects: 150_000 })).body;
    expect(verdict).toMatchObject({ requirement: 'standard-contract', legal: false, classification: 'general', satisfiedBy: [] });
    expect(verdict.cumulative.personalInfoSubjects).toBe(150_000);
    expect(factIds(verdict)).toContain('cn-2024-cross-border-provisions');

    await t.http
      .post('/v1/instruments')
      .set(t.auth(t.keys.regulator))
      .send({ instrumentId: 'tesla-scc-2024', companyId: TEST_COMPANY, kind: 'standard-contract', scope: {}, effectiveFrom: '2024-07-01', effectiveUntil: '2027-07-01' })
      .expect(201);
    const filed = (await record('after-sales/service-records', '2024-07-02T10:00:00+08:00', { personalInfoSubjects: 1 })).body.verdict;
    expect(filed).toMatchObject({ requirement: 'standard-contract', legal: true, satisfiedBy: ['tesla-scc-2024'] });
    expect(filed.cumulative.personalInfoSubjects).toBe(150_001);
  });
});
