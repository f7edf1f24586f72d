import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uuidv7 } from '../../src/common/ids.js';
import type { JsonObject } from '../../src/event-store/event-store.port.js';
import { companyTransfersStream, transferStream } from '../../src/transfers/domain/transfer.events.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { transferEvents } from '../support/transfer-events.js';

/**
 * docs/design.md "Recording a transfer: one sequence per company": recordings go to the company's
 * stream; a transfer recorded before that (in `transfer-<id>`) reads, corrects and repeats as
 * before, beside new ones. A second recording of a taken id in another company's stream (which
 * only two instances of a store checking ids per stream can write) is ignored by every read and
 * reported by the verification.
 */

let t: TestApp;
const get = (path: string, key = t.keys.auditor) => t.http.get(path).set(t.auth(key));

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterAll(() => t.close());

/** The data of a recording made now through the API, as another transfer id: what the ledger wrote before the company streams. */
async function recordingDataAs(transferId: string): Promise<JsonObject> {
  await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer(`${transferId}-model`)).expect(201);
  const [recording] = await transferEvents(t.store, `${transferId}-model`);
  return { ...recording.data, transferId };
}

describe('transfer layouts', () => {
  it('a new recording goes to its company\'s stream; its first correction starts transfer-<id>', async () => {
    const recorded = await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer('lay-new')).expect(201);
    const [recording] = await transferEvents(t.store, 'lay-new');
    expect(recording.stream).toBe(companyTransfersStream(TEST_COMPANY));
    expect(recording.position.toString()).toBe(recorded.body.position);
    await t.http.post('/v1/transfers/lay-new/corrections').set(t.auth(t.keys.service)).send({ personalInfoSubjects: 3 }).expect(201);
    expect((await t.store.readStream(transferStream('lay-new'))).map((e) => [e.type, e.revision])).toEqual([['TransferCorrected', 0n]]);
    const view = (await get('/v1/transfers/lay-new').expect(200)).body;
    expect(view).toMatchObject({ personalInfoSubjects: 3, position: recorded.body.position, hash: recording.hash, recordedVerdict: recorded.body.verdict });
  });

  it('a transfer recorded in transfer-<id> (before the company streams) reads, lists, corrects and repeats as before', async () => {
    const data = await recordingDataAs('lay-old');
    const old = await t.store.append(transferStream('lay-old'), [{ id: uuidv7(), type: 'TransferRecorded', data }], { expectedRevision: 'no-stream' });
    const position = old.position.toString();
    expect((await get('/v1/transfers/lay-old').expect(200)).body).toMatchObject({ transferId: 'lay-old', position, hash: old.events[0].hash });
    // The same body again is a repeat of the old recording; other content is a 409.
    const repeat = await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer('lay-old')).expect(200);
    expect(repeat.body).toEqual({ transferId: 'lay-old', position, verdict: expect.objectContaining({ position: (data.verdict as JsonObject).position }) });
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer('lay-old', { destination: 'DE' })).expect(409);
    const correction = await t.http.post('/v1/transfers/lay-old/corrections').set(t.auth(t.keys.service)).send({ personalInfoSubjects: 9 }).expect(201);
    expect((await t.store.readStream(transferStream('lay-old'))).map((e) => e.type)).toEqual(['TransferRecorded', 'TransferCorrected']);
    const view = (await get('/v1/transfers/lay-old').expect(200)).body;
    expect(view.corrections.map((c: { position: string }) => c.position)).toEqual([correction.body.position]);
    expect(view.personalInfoSubjects).toBe(9);
    const listed = (await get(`/v1/transfers?companyId=${TEST_COMPANY}&limit=1000`).expect(200)).body.items.map((i: { transferId: string; position: string }) => [i.transferId, i.position]);
    expect(listed).toEqual(expect.arrayContaining([['lay-old', position]]));
    const timeline = (await get('/v1/audit/timeline?factId=lay-old').expect(200)).body.events.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['TransferRecorded', 'TransferCorrected']);
  });

  it('a second recording of a taken id in another company\'s stream is ignored by every read and reported by the verification', async () => {
    const first = await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer('lay-taken')).expect(201);
    const data = { ...(await recordingDataAs('lay-taken')), companyId: 'other-company' };
    const second = await t.store.append(companyTransfersStream('other-company'), [{ id: uuidv7(), type: 'TransferRecorded', data }]);
    expect((await get('/v1/transfers/lay-taken').expect(200)).body).toMatchObject({ companyId: TEST_COMPANY, position: first.body.position });
    await get('/v1/transfers/lay-taken', t.serviceKeyFor('other-company')).expect(404);
    expect((await get('/v1/transfers?companyId=other-company').expect(200)).body.items).toEqual([]);
    await get('/v1/transfers/lay-taken/legality').expect(200);
    const verification = (await get('/v1/audit/verification').expect(200)).body;
    expect(verification).toMatchObject({ ok: true, ignoredRecordings: [{ transferId: 'lay-taken', stream: companyTransfersStream('other-company'), position: second.position.toString() }] });
  });
});
