import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factKeyOf } from '../../src/legality/domain/policy-facts.js';
import { uuidv7 } from '../../src/common/ids.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { LINGANG_PACK } from '../unit/legality/ledger-log.js';

/** docs/api.md "Questions": POST /v1/legality/evaluate over HTTP on the real app and store. */

let t: TestApp;
/** The head after the pack was appended (record time of the last pack event). */
let packHead: bigint;

const hypothetical = (extra: Record<string, unknown> = {}) => ({
  companyId: TEST_COMPANY,
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'DE',
  occurredAt: '2024-05-17T09:00:00+08:00',
  ...extra,
});
const evaluate = (body: Record<string, unknown>, key = t.keys.auditor) => t.http.post('/v1/legality/evaluate').set(t.auth(key)).send(body);

beforeAll(async () => {
  t = await createTestApp({ seed: 'none' });
  // The pack appended straight to the store, one stream per fact (as the policy commands would).
  for (const event of LINGANG_PACK) {
    const [kind, id] = factKeyOf(event).split(/:(.*)/s);
    const result = await t.store.append(`${kind}-${id}`, [{ id: uuidv7(), type: event.type, data: JSON.parse(JSON.stringify(event.data)) }]);
    packHead = result.position;
  }
});
afterAll(async () => {
  await t.close();
});

describe('POST /v1/legality/evaluate', () => {
  it('answers 200 with the verdict as known now, and records nothing', async () => {
    const response = await evaluate(hypothetical());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ legal: true, requirement: 'none', classification: 'general', date: '2024-05-17', position: packHead.toString(), satisfiedBy: [] });
    expect(Object.keys(response.body).sort()).toEqual(['basis', 'classification', 'cumulative', 'date', 'explanation', 'legal', 'notes', 'position', 'requirement', 'satisfiedBy', 'seal']);
    expect(response.body.notes).toEqual([]);
    expect(response.body.basis[0]).toMatchObject({ factId: 'lingang-gdl-2024', effect: 'entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative' });
    expect(await t.store.headPosition()).toBe(packHead);
  });

  it('answers as known at a position or an instant', async () => {
    // Before the list was recorded, the designation stood.
    const listPosition = (await t.store.readStream('data-list-lingang-gdl-2024'))[0].position;
    const before = await evaluate(hypothetical({ position: (listPosition - 1n).toString() }));
    expect(before.body).toMatchObject({ legal: false, requirement: 'security-assessment', position: (listPosition - 1n).toString() });
    // The list is known, but not yet that the company is registered in its zone (the pack's last event).
    const atList = await evaluate(hypothetical({ position: listPosition.toString() }));
    expect(atList.body).toMatchObject({ legal: false, position: listPosition.toString() });
    expect((await evaluate(hypothetical({ position: packHead.toString() }))).body).toMatchObject({ legal: true });

    const beforeAnything = await evaluate(hypothetical({ knownAt: '2000-01-01T00:00:00Z' }));
    expect(beforeAnything.body).toMatchObject({ legal: true, requirement: 'none', position: '0', classification: 'general', notes: ['no-regime-in-force', 'no-policy-known'] });
    expect(beforeAnything.body.explanation).toBe(
      'Legal: no requirement applies because no regime is in force on 2024-05-17. Nothing of policy is known as of position 0: no regime, designation, data list, company or instrument was recorded at or before it.',
    );
    const now = await evaluate(hypothetical({ knownAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(now.body.position).toBe(packHead.toString());
  });

  it('sees events appended after start-up (read-your-writes)', async () => {
    const result = await t.store.append('instrument-tesla-sa', [{
      id: uuidv7(), type: 'InstrumentGranted',
      data: { instrumentId: 'tesla-sa', companyId: TEST_COMPANY, kind: 'security-assessment', scope: { categories: [{ field: 'icv', category: 'road/exterior-video' }] }, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01' },
    }]);
    const response = await evaluate(hypothetical({ category: 'road/exterior-video' }));
    expect(response.body).toMatchObject({ legal: true, requirement: 'security-assessment', satisfiedBy: ['tesla-sa'], position: result.position.toString() });
  });

  it('lets auditors, regulators and a service for its own company ask; not a service for another company, nor anyone without a key', async () => {
    expect((await evaluate(hypothetical(), t.keys.regulator)).status).toBe(200);
    expect((await evaluate(hypothetical(), t.keys.service)).status).toBe(200);
    const other = await evaluate(hypothetical({ companyId: 'someone-else' }), t.keys.service);
    expect(other.status).toBe(403);
    expect((await evaluate(hypothetical({ companyId: 'other-company' }), t.serviceKeyFor('other-company'))).status).toBe(200);
    expect((await t.http.post('/v1/legality/evaluate').send(hypothetical())).status).toBe(401);
  });

  it('names every bad field with its reason (400), and a cut beyond the head or a double cut', async () => {
    const response = await evaluate({
      companyId: 'tesla shanghai',
      field: '',
      destination: 'de',
      occurredAt: '2024-05-17T09:00:00',
      personalInfoSubjects: -1,
      sensitivePersonalInfoSubjects: 1.5,
      importantData: 'yes',
      purpose: 'marketing',
      transferId: 'not-here',
    });
    expect(response.status).toBe(400);
    const message = (response.body.message as string[]).join('\n');
    for (const field of ['companyId', 'field', 'category', 'destination', 'occurredAt', 'personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'purpose', 'transferId']) {
      expect(message).toContain(field);
    }
    expect((await evaluate(hypothetical({ destination: 'XX' }))).body.message.join(' ')).toMatch(/destination must be an ISO 3166-1 alpha-2 country code/);

    // One past the head, not a big constant: on EventStoreDB positions are byte offsets in the log.
    const beyond = await evaluate(hypothetical({ position: ((await t.store.headPosition())! + 1n).toString() }));
    expect(beyond.status).toBe(400);
    expect(JSON.stringify(beyond.body.message)).toMatch(/position is beyond the ledger head/);
    const both = await evaluate(hypothetical({ position: '1', knownAt: '2026-01-01T00:00:00Z' }));
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body.message)).toMatch(/position must not be given together with knownAt/);
    expect((await evaluate(hypothetical({ position: '01' }))).status).toBe(400);
    expect((await evaluate(hypothetical({ knownAt: 'yesterday' }))).status).toBe(400);
  });
});
