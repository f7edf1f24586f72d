import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/** docs/domain.md §6 over HTTP, on the Lingang pack as the ledger ships and seeds it (LEDGER_SEED=lingang). */

let t: TestApp;
const ask = (occurredAt: string, extra: Record<string, unknown> = {}) =>
  t.http
    .post('/v1/legality/evaluate')
    .set(t.auth(t.keys.auditor))
    .send({ companyId: TEST_COMPANY, field: 'icv', category: 'after-sales/service-records', destination: 'US', occurredAt, ...extra })
    .expect(200)
    .then((r) => r.body);

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterAll(async () => {
  await t.close();
});

describe('the §6 worked examples on the seeded pack', () => {
  it.each([
    ['2024-05-16T12:00:00+08:00', { requirement: 'security-assessment', legal: false, classification: 'important' }],
    ['2024-05-17T12:00:00+08:00', { requirement: 'none', legal: true, classification: 'general' }],
    ['2025-05-16T12:00:00+08:00', { requirement: 'none', legal: true }],
    ['2025-05-16T17:30:00Z', { date: '2025-05-17', requirement: 'security-assessment', legal: false }],
  ])('after-sales service records at %s', async (occurredAt, expected) => {
    expect(await ask(occurredAt)).toMatchObject(expected);
  });

  it('road/exterior-video on 2024-06-01 is not on the list: security assessment, illegal', async () => {
    expect(await ask('2024-06-01T12:00:00+08:00', { category: 'road/exterior-video' })).toMatchObject({ requirement: 'security-assessment', legal: false });
  });

  it('150,000 people on 2024-07-01: standard contract, illegal while none is filed', async () => {
    const verdict = await ask('2024-07-01T12:00:00+08:00', { personalInfoSubjects: 150_000 });
    expect(verdict).toMatchObject({ requirement: 'standard-contract', legal: false, cumulative: { personalInfoSubjects: 150_000, sensitivePersonalInfoSubjects: 0 } });
    expect(verdict.basis).toContainEqual(expect.objectContaining({ factId: 'cn-2024-cross-border-provisions' }));
  });
});
