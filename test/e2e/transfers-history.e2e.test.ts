import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * As known then and as known now (docs/domain.md §4, last paragraph): a back-filled transfer and a
 * correction change a later transfer's verdict through the cumulative counts; a retroactive
 * policy amendment changes a past verdict. The recorded verdict never changes.
 */

let t: TestApp;

const record = (transferId: string, occurredAt: string, personalInfoSubjects: number) =>
  t.http
    .post('/v1/transfers')
    .set(t.auth(t.keys.service))
    .send({ transferId, companyId: TEST_COMPANY, field: 'icv', category: 'after-sales/service-records', destination: 'US', occurredAt, personalInfoSubjects })
    .expect(201)
    .then((r) => r.body);
const legality = (transferId: string, query: Record<string, string> = {}) =>
  t.http.get(`/v1/transfers/${transferId}/legality`).query(query).set(t.auth(t.keys.auditor)).expect(200).then((r) => r.body);
const aspects = (body: { differences?: { aspect: string }[] }): string[] => (body.differences ?? []).map((d) => d.aspect);
const before = (position: string): string => (BigInt(position) - 1n).toString();

beforeEach(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterEach(async () => {
  await t.close();
});

describe('a back-filled transfer', () => {
  it("changes a later transfer's verdict as known now, not as known when it was recorded", async () => {
    const later = await record('aug', '2024-08-01T10:00:00+08:00', 60_000);
    expect(later.verdict).toMatchObject({ requirement: 'none', legal: true, cumulative: { personalInfoSubjects: 60_000 } });

    // Recorded afterwards, dated earlier: it counts before `aug` in the 2024 calendar-year window.
    const backfilled = await record('jul', '2024-07-01T10:00:00+08:00', 50_000);
    expect(backfilled.verdict).toMatchObject({ requirement: 'none', legal: true, cumulative: { personalInfoSubjects: 50_000 } });

    const now = await legality('aug');
    expect(now).toMatchObject({ requirement: 'standard-contract', legal: false, changed: true, cumulative: { personalInfoSubjects: 110_000 } });
    expect(now.recordedVerdict).toEqual(later.verdict);
    expect(aspects(now)).toEqual(['legal', 'requirement']);
    expect(now.differences[0].why).toContain('cumulative personalInfoSubjects 60000 → 110000');

    const then = await legality('aug', { position: before(backfilled.position) });
    expect(then).toMatchObject({ requirement: 'none', legal: true, changed: false, cumulative: { personalInfoSubjects: 60_000 } });

    const stored = await t.http.get('/v1/transfers/aug').set(t.auth(t.keys.auditor)).expect(200);
    expect(stored.body.recordedVerdict).toEqual(later.verdict);
  });
});

describe('a correction', () => {
  it("changes a later transfer's verdict through the cumulative counts from the correction's position on", async () => {
    await record('first', '2024-07-01T10:00:00+08:00', 50_000);
    const second = await record('second', '2024-08-01T10:00:00+08:00', 40_000);
    expect(second.verdict).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 90_000 } });

    const correction = await t.http
      .post('/v1/transfers/first/corrections')
      .set(t.auth(t.keys.service))
      .send({ personalInfoSubjects: 70_000 })
      .expect(201)
      .then((r) => r.body);

    const now = await legality('second');
    expect(now).toMatchObject({ requirement: 'standard-contract', legal: false, changed: true, cumulative: { personalInfoSubjects: 110_000 } });
    expect(now.recordedVerdict).toEqual(second.verdict);

    const then = await legality('second', { position: before(correction.position) });
    expect(then).toMatchObject({ requirement: 'none', changed: false, cumulative: { personalInfoSubjects: 90_000 } });

    // The corrected transfer itself counts with its corrected value and stays below the threshold.
    const first = await legality('first');
    expect(first).toMatchObject({ requirement: 'none', changed: false, cumulative: { personalInfoSubjects: 70_000 } });
  });

  it('explains a changed verdict of the corrected transfer itself by its correction', async () => {
    await record('big', '2024-09-01T10:00:00+08:00', 90_000);
    const correction = await t.http
      .post('/v1/transfers/big/corrections')
      .set(t.auth(t.keys.service))
      .send({ personalInfoSubjects: 120_000 })
      .expect(201)
      .then((r) => r.body);
    const now = await legality('big');
    expect(now).toMatchObject({ requirement: 'standard-contract', changed: true });
    expect(now.differences[0].why).toContain(`correction ${correction.correctionId} at position ${correction.position} set personalInfoSubjects 120000`);
  });
});

describe('a retroactive policy amendment', () => {
  it('changes a past verdict as known now but not as known at the earlier position or instant', async () => {
    const past = await record('june', '2024-06-15T10:00:00+08:00', 20_000);
    expect(past.verdict).toMatchObject({ requirement: 'none', legal: true });
    const { recordedAt } = (await t.http.get('/v1/transfers/june').set(t.auth(t.keys.auditor)).expect(200)).body;
    await sleep(5); // the amendment must be recorded at a later instant than the transfer (knownAt below)

    // A stricter reading of the 2024 provisions, back to their first day: personal information from 10,000 people needs a standard contract.
    const regime = (await t.http.get('/v1/regimes/cn-2024-cross-border-provisions').set(t.auth(t.keys.regulator)).expect(200)).body.current.content;
    const amendment = await t.http
      .put('/v1/regimes/cn-2024-cross-border-provisions')
      .set(t.auth(t.keys.regulator))
      .send({ ...regime, thresholds: [{ metric: 'personalInfoSubjects', atLeast: 10_000, requirement: 'standard-contract' }, ...regime.thresholds] })
      .expect(200)
      .then((r) => r.body);

    const now = await legality('june');
    expect(now).toMatchObject({ requirement: 'standard-contract', legal: false, changed: true });
    expect(now.recordedVerdict).toEqual(past.verdict);
    expect(aspects(now)).toEqual(['legal', 'requirement']);

    expect(await legality('june', { position: before(amendment.position) })).toMatchObject({ requirement: 'none', legal: true, changed: false });
    expect(await legality('june', { knownAt: recordedAt })).toMatchObject({ requirement: 'none', legal: true, changed: false });
    // As known at the recorded cut, the verdict is the recorded one exactly.
    const { transferId: _id, recordedVerdict: _recorded, changed: _changed, ...replayed } = await legality('june', { position: past.verdict.position });
    expect(replayed).toEqual(past.verdict);
  });
});
