import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { countedAndExpected, recordingsOf, sequenceTransfer } from '../support/company-sequence.js';
import { createTestApp, newSigningKey, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * docs/design.md "Recording a transfer: one sequence per company" on EventStoreDB: three ledger
 * instances (three apps, each with its own read model and subscription) over one EventStoreDB
 * double record one company's transfers at once across a threshold; every recorded verdict
 * counts every earlier transfer of the company in the log. Retries across instances are
 * idempotent, also after an answer the store wrote but the client never got.
 */

const PER_INSTANCE = 15;
const IN_FLIGHT = 3;

let double: EsdbDouble;
let instances: TestApp[] = [];

const post = (t: TestApp, transferId: string, key = t.keys.service, companyId = TEST_COMPANY) => t.http.post('/v1/transfers').set(t.auth(key)).send(sequenceTransfer(transferId, companyId));

beforeAll(async () => {
  double = await startEsdbDouble();
  const apiKeys = [
    { key: 'instances-service-key-0123456789abcdefghijklmnopqrs', role: 'service' as const, companyId: TEST_COMPANY },
    { key: 'instances-other-key-0123456789abcdefghijklmnopqrstu', role: 'service' as const, companyId: 'other-company' },
  ];
  const sealing = { signingKey: newSigningKey() };
  instances = [await createTestApp({ storeUrl: double.url, seed: 'lingang', apiKeys, sealing })];
  instances.push(...(await Promise.all([createTestApp({ storeUrl: double.url, apiKeys, sealing }), createTestApp({ storeUrl: double.url, apiKeys, sealing })])));
}, 60_000);
afterAll(async () => {
  for (const t of instances) await t.close();
  await double?.close();
});

describe('three ledger instances on one EventStoreDB double', () => {
  it('every recorded verdict counts every earlier transfer of the company in the log, across the threshold (none missed)', async () => {
    const statuses: number[] = [];
    await Promise.all(
      instances.map(async (t, i) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next < PER_INSTANCE) statuses.push((await post(t, `inst-${i}-${next++}`)).status);
          }),
        );
      }),
    );
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    const recordings = recordingsOf(await instances[0].store.readAll(), TEST_COMPANY);
    expect(recordings).toHaveLength(instances.length * PER_INSTANCE);
    const { counted, expected } = countedAndExpected(recordings);
    expect(counted).toEqual(expected);
  }, 120_000);

  it('the same new transfer sent to every instance at once is recorded once: one 201, the others 200 with the same answer; a read on each finds it', async () => {
    for (let round = 0; round < 3; round++) {
      const id = `inst-race-${round}`;
      const answers = await Promise.all(instances.map((t) => post(t, id)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      for (const t of instances) expect((await t.http.get(`/v1/transfers/${id}`).set(t.auth(t.keys.service)).expect(200)).body.position).toBe(answers[0].body.position);
    }
  }, 60_000);

  it('an answer lost after the store wrote the recording: answered once, recorded once; the retry on another instance answers the first answer (200); another company\'s same id is a 409', async () => {
    double.loseNextAppendAnswer();
    // The adapter sends the same events again (the same derived id): a store-level repeat, answered as the first append.
    const lost = await post(instances[0], 'inst-lost');
    expect(lost.status).toBe(201);
    const retried = await post(instances[1], 'inst-lost');
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(lost.body);
    const recordings = (await instances[1].store.readAll()).filter((event) => event.data.transferId === 'inst-lost');
    expect(recordings).toHaveLength(1);
    expect(retried.body.position).toBe(recordings[0].position.toString());
    expect((await post(instances[2], 'inst-lost', instances[2].serviceKeyFor('other-company'), 'other-company')).status).toBe(409);
  }, 60_000);
});
