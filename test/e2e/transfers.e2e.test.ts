import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { transferEvents } from '../support/transfer-events.js';

/** docs/api.md "Transfers": every endpoint, role and error, on the Lingang pack. */

let t: TestApp;
let sequence = 0;
const newId = (): string => `tr-${++sequence}`;

/** After-sales data on the Lingang list, inside its term: general, legal, needs nothing. */
const body = lingangTransfer;

const record = (transferId: string, extra: Record<string, unknown> = {}, key = t.keys.service) =>
  t.http.post('/v1/transfers').set(t.auth(key)).send(body(transferId, extra));
const correct = (transferId: string, changes: Record<string, unknown>, key = t.keys.service) =>
  t.http.post(`/v1/transfers/${transferId}/corrections`).set(t.auth(key)).send(changes);
const streamLength = async (transferId: string): Promise<number> => (await transferEvents(t.store, transferId)).length;
const head = async (): Promise<bigint | undefined> => t.store.headPosition();

/** Runs a request that must be rejected and checks the log did not grow. */
async function rejected(send: () => PromiseLike<{ status: number; body: { message: string | string[] } }>, status: number) {
  const before = await head();
  const response = await send();
  expect(response.status).toBe(status);
  expect(await head()).toBe(before);
  return response.body.message;
}

beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterAll(async () => {
  await t.close();
});

describe('POST /v1/transfers', () => {
  it('records a transfer with the verdict of the moment: 201 {transferId, position, verdict}', async () => {
    const id = newId();
    const response = await record(id);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['position', 'transferId', 'verdict']);
    expect(response.body.transferId).toBe(id);
    expect(response.body.position).toMatch(/^[1-9][0-9]*$/);
    expect(response.body.verdict).toMatchObject({ legal: true, requirement: 'none', classification: 'general', date: '2024-06-01' });
    // The cut is the head before the append: the transfer's own event comes after it.
    expect(BigInt(response.body.verdict.position)).toBeLessThan(BigInt(response.body.position));
    expect((await head())?.toString()).toBe(response.body.position);
  });

  it('stores the declaration with the defaults applied and who recorded it', async () => {
    const id = newId();
    await record(id).expect(201);
    const [event] = await transferEvents(t.store, id);
    expect(event.type).toBe('TransferRecorded');
    expect(event.data).toMatchObject({ personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0, importantData: false, purpose: 'ordinary', date: '2024-06-01' });
    expect(event.metadata).toMatchObject({ actor: { role: 'service', companyId: TEST_COMPANY } });
    expect(typeof (event.metadata.actor as { keyId: unknown }).keyId).toBe('string');
  });

  it('stores the recording as exactly this canonical JSON (the text its chain hash covers): absent fields get their defaults, nothing else', async () => {
    const id = newId();
    const answer = (await record(id, { purpose: 'ordinary' }).expect(201)).body as { position: string };
    const from = { fromPosition: BigInt(answer.position), maxCount: 1 };
    // The text as stored where the store gives it (SQLite), else the data as read, in canonical JSON.
    const dataJson = t.store.readAllStored ? (await t.store.readAllStored(from))[0].dataJson : canonicalJson((await t.store.readAll(from))[0].data);
    // Positions and the seal depend on the store and on the tests before this one; the rest is fixed.
    const text = dataJson.replace(/"position":"\d+"/g, '"position":"<p>"').replace(/"rootHash":"[0-9a-f]{64}","treeSize":\d+/, '"rootHash":"<root>","treeSize":<n>');
    expect(text).toBe(
      `{"category":"after-sales/service-records","companyId":"${TEST_COMPANY}","date":"2024-06-01","destination":"US","field":"icv","importantData":false,` +
        `"occurredAt":"2024-06-01T10:00:00+08:00","personalInfoSubjects":0,"purpose":"ordinary","sensitivePersonalInfoSubjects":0,"transferId":"${id}",` +
        `"verdict":{"basis":[{"effect":"entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative","eventId":"c05eba82-755f-521d-8c59-796959d31326","factId":"lingang-gdl-2024","position":"<p>"},` +
        `{"effect":"tesla-shanghai registered in cn-shanghai-lingang from 2018-10-17","eventId":"b4a99b41-a25d-5d27-9488-97147bec6420","factId":"tesla-shanghai","position":"<p>"},` +
        `{"effect":"regime cn-2024-cross-border-provisions in force on 2024-06-01: no threshold reached with cumulative 0 personal information and 0 sensitive personal information subjects (2024-01-01 through 2024-06-01)","eventId":"1713b2ec-2aaf-522d-8d89-e7e6875e8917","factId":"cn-2024-cross-border-provisions","position":"<p>"}],` +
        `"classification":"general","cumulative":{"personalInfoSubjects":0,"sensitivePersonalInfoSubjects":0},"date":"2024-06-01",` +
        `"explanation":"Legal: no requirement applies because icv/after-sales/service-records is on a general data list in force for tesla-shanghai, which lifts important designation cn-auto-data-conservative; no threshold of regime cn-2024-cross-border-provisions is reached (cumulative 0 personal information and 0 sensitive personal information subjects (2024-01-01 through 2024-06-01)).",` +
        `"legal":true,"notes":[],"position":"<p>","requirement":"none","satisfiedBy":[],"seal":{"rootHash":"<root>","treeSize":<n>}}}`,
    );
  });

  it('derives the Shanghai date: 17:30 UTC on 16 May is 17 May in Shanghai', async () => {
    const response = await record(newId(), { occurredAt: '2025-05-16T17:30:00Z' }).expect(201);
    expect(response.body.verdict.date).toBe('2025-05-17');
  });

  it('answers the identical body again with 200 and the first answer, appending nothing', async () => {
    const id = newId();
    const first = await record(id).expect(201);
    const repeat = await record(id).expect(200);
    expect(repeat.body).toEqual(first.body);
    expect(await streamLength(id)).toBe(1);
  });

  it('treats explicit defaults as the same body', async () => {
    const id = newId();
    const first = await record(id).expect(201);
    const repeat = await record(id, { personalInfoSubjects: 0, importantData: false, purpose: 'ordinary' }).expect(200);
    expect(repeat.body).toEqual(first.body);
  });

  it('answers concurrent identical POSTs with exactly one 201 and the same body for all, one event', async () => {
    const id = newId();
    const responses = await Promise.all(Array.from({ length: 6 }, () => record(id, { personalInfoSubjects: 10 })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    expect(await streamLength(id)).toBe(1);
  });

  it('rejects the same id with other content: 409, nothing appended', async () => {
    const id = newId();
    await record(id).expect(201);
    const message = await rejected(() => record(id, { destination: 'DE' }), 409);
    expect(message).toContain('destination');
    expect(await streamLength(id)).toBe(1);
  });

  it('rejects a bad body with 400 naming every bad field, nothing appended', async () => {
    const message = await rejected(
      () =>
        t.http
          .post('/v1/transfers')
          .set(t.auth(t.keys.service))
          .send({ ...body('bad id!'), destination: 'usa', occurredAt: '2024-06-01', personalInfoSubjects: -1, importantData: 'yes', purpose: 'fun', extra: 1 }),
      400,
    );
    const fields = (message as string[]).map((m) => m.split(' ')[0]);
    expect(new Set(fields)).toEqual(new Set(['transferId', 'destination', 'occurredAt', 'personalInfoSubjects', 'importantData', 'purpose', 'extra']));
  });

  it('rejects a body missing its required fields, naming them', async () => {
    const message = await rejected(() => t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({}), 400);
    const fields = new Set((message as string[]).map((m) => m.split(' ')[0]));
    expect(fields).toEqual(new Set(['transferId', 'companyId', 'field', 'category', 'destination', 'occurredAt']));
  });

  it('answers 401 without a key or with an unknown key', async () => {
    await rejected(() => t.http.post('/v1/transfers').send(body(newId())), 401);
    await rejected(() => t.http.post('/v1/transfers').set(t.auth('not-a-key')).send(body(newId())), 401);
  });

  it('answers 403 to auditors and regulators, and to a service key of another company', async () => {
    await rejected(() => record(newId(), {}, t.keys.auditor), 403);
    await rejected(() => record(newId(), {}, t.keys.regulator), 403);
    const message = await rejected(() => record(newId(), {}, t.serviceKeyFor('other-company')), 403);
    expect(String(message)).toContain('other-company');
  });
});

describe('POST /v1/transfers/{transferId}/corrections', () => {
  it('appends a correction: 201 {transferId, correctionId, eventId, position}', async () => {
    const id = newId();
    await record(id).expect(201);
    const response = await correct(id, { personalInfoSubjects: 5, destination: 'DE' }).expect(201);
    expect(Object.keys(response.body).sort()).toEqual(['correctionId', 'eventId', 'position', 'transferId']);
    expect(response.body.correctionId).toBe(response.body.eventId);
    const events = await transferEvents(t.store, id);
    expect(events.map((e) => e.type)).toEqual(['TransferRecorded', 'TransferCorrected']);
    expect(events[1].id).toBe(response.body.eventId);
    expect(events[1].position.toString()).toBe(response.body.position);
    expect(events[1].data).toEqual({ transferId: id, correctionId: response.body.correctionId, changes: { personalInfoSubjects: 5, destination: 'DE' } });
    expect(events[1].metadata).toMatchObject({ actor: { role: 'service', companyId: TEST_COMPANY } });
  });

  it('answers a repeated caller-given correctionId with 200 and the first answer; other changes: 409', async () => {
    const id = newId();
    await record(id).expect(201);
    const first = await correct(id, { correctionId: 'fix-1', importantData: true }).expect(201);
    expect(first.body.correctionId).toBe('fix-1');
    const repeat = await correct(id, { correctionId: 'fix-1', importantData: true }).expect(200);
    expect(repeat.body).toEqual(first.body);
    await rejected(() => correct(id, { correctionId: 'fix-1', category: 'after-sales/fault-analysis' }), 409);
    expect(await streamLength(id)).toBe(2);
  });

  it('answers 404 for an unknown transfer', async () => {
    await rejected(() => correct('no-such-transfer', { personalInfoSubjects: 1 }), 404);
  });

  it('answers 400 for an empty correction, one that changes nothing, and bad values', async () => {
    const id = newId();
    await record(id, { personalInfoSubjects: 7 }).expect(201);
    expect(await rejected(() => correct(id, {}), 400)).toEqual([expect.stringMatching(/^correction must give at least one of/)]);
    expect(await rejected(() => correct(id, { personalInfoSubjects: 7, destination: 'US' }), 400)).toEqual([expect.stringMatching(/^correction changes nothing/)]);
    const message = await rejected(() => correct(id, { destination: 'xx', personalInfoSubjects: 1.5, companyId: 'other-company' }), 400);
    expect(new Set((message as string[]).map((m) => m.split(' ')[0]))).toEqual(new Set(['destination', 'personalInfoSubjects', 'companyId']));
    expect(await streamLength(id)).toBe(1);
  });

  it('answers 403 to auditors and regulators, and to another company exactly as for an unknown transfer (404)', async () => {
    const id = newId();
    await record(id).expect(201);
    await rejected(() => correct(id, { importantData: true }, t.keys.auditor), 403);
    await rejected(() => correct(id, { importantData: true }, t.keys.regulator), 403);
    const other = await correct(id, { importantData: true }, t.serviceKeyFor('other-company')).expect(404);
    const missing = await correct('nope', { importantData: true }, t.serviceKeyFor('other-company')).expect(404);
    expect(other.body).toEqual({ ...missing.body, message: missing.body.message.replace('nope', id) });
    expect(await streamLength(id)).toBe(1);
  });
});

describe('GET /v1/transfers/{transferId}', () => {
  it('shows the transfer as now known, its corrections and the verdict recorded with it', async () => {
    const id = newId();
    const recorded = await record(id, { personalInfoSubjects: 3 }).expect(201);
    const correction = await correct(id, { personalInfoSubjects: 4, category: 'after-sales/fault-analysis' }).expect(201);
    const response = await t.http.get(`/v1/transfers/${id}`).set(t.auth(t.keys.auditor)).expect(200);
    expect(response.body).toMatchObject({
      transferId: id,
      companyId: TEST_COMPANY,
      field: 'icv',
      category: 'after-sales/fault-analysis',
      destination: 'US',
      occurredAt: '2024-06-01T10:00:00+08:00',
      date: '2024-06-01',
      personalInfoSubjects: 4,
      sensitivePersonalInfoSubjects: 0,
      importantData: false,
      purpose: 'ordinary',
      position: recorded.body.position,
      recordedVerdict: recorded.body.verdict,
    });
    expect(Number.isNaN(Date.parse(response.body.recordedAt))).toBe(false);
    expect(response.body.corrections).toEqual([
      {
        correctionId: correction.body.correctionId,
        eventId: correction.body.eventId,
        hash: (await transferEvents(t.store, id))[1].hash,
        position: correction.body.position,
        recordedAt: expect.any(String),
        changes: { personalInfoSubjects: 4, category: 'after-sales/fault-analysis' },
      },
    ]);
  });

  it('shows the transfer as known at a position: corrections after it left out, 404 before its recording, 400 for a bad cut', async () => {
    const id = newId();
    const recorded = await record(id, { personalInfoSubjects: 3 }).expect(201);
    const correction = await correct(id, { personalInfoSubjects: 4 }).expect(201);
    const ask = (query: Record<string, string>) => t.http.get(`/v1/transfers/${id}`).query(query).set(t.auth(t.keys.auditor));
    const then = await ask({ position: (BigInt(correction.body.position) - 1n).toString() }).expect(200);
    expect(then.body).toMatchObject({ personalInfoSubjects: 3, corrections: [], recordedVerdict: recorded.body.verdict });
    expect((await ask({ position: correction.body.position }).expect(200)).body.personalInfoSubjects).toBe(4);
    await ask({ position: recorded.body.verdict.position }).expect(404);
    expect(String((await ask({ knownAt: 'now' }).expect(400)).body.message)).toContain('knownAt');
  });

  it('answers regulators and the owning service; 404 to another company as for an unknown id, 401 without a key', async () => {
    const id = newId();
    await record(id).expect(201);
    await t.http.get(`/v1/transfers/${id}`).set(t.auth(t.keys.regulator)).expect(200);
    await t.http.get(`/v1/transfers/${id}`).set(t.auth(t.keys.service)).expect(200);
    await t.http.get(`/v1/transfers/${id}`).set(t.auth(t.serviceKeyFor('other-company'))).expect(404);
    await t.http.get('/v1/transfers/nope').set(t.auth(t.keys.auditor)).expect(404);
    await t.http.get(`/v1/transfers/${id}`).expect(401);
  });
});

describe('GET /v1/transfers/{transferId}/legality', () => {
  it('recomputes as known now and reports no change when nothing relevant was learned', async () => {
    const id = newId();
    const recorded = await record(id).expect(201);
    const response = await t.http.get(`/v1/transfers/${id}/legality`).set(t.auth(t.keys.auditor)).expect(200);
    expect(response.body).toMatchObject({ transferId: id, legal: true, requirement: 'none', classification: 'general', changed: false });
    expect(response.body.recordedVerdict).toEqual(recorded.body.verdict);
    expect(response.body.differences).toBeUndefined();
    expect(BigInt(response.body.position)).toBeGreaterThanOrEqual(BigInt(recorded.body.position));
  });

  it('gives back exactly the recorded verdict at the recorded cut (the replay guarantee)', async () => {
    const id = newId();
    const recorded = await record(id, { personalInfoSubjects: 20 }).expect(201);
    await record(newId(), { personalInfoSubjects: 30 }).expect(201);
    const response = await t.http
      .get(`/v1/transfers/${id}/legality`)
      .query({ position: recorded.body.verdict.position })
      .set(t.auth(t.keys.service))
      .expect(200);
    const { transferId: _id, recordedVerdict, changed, ...verdict } = response.body;
    expect(verdict).toEqual(recorded.body.verdict);
    expect(recordedVerdict).toEqual(recorded.body.verdict);
    expect(changed).toBe(false);
  });

  it('answers 400 naming knownAt or position when either is malformed, both are given, or the position is beyond the head', async () => {
    const id = newId();
    await record(id).expect(201);
    const ask = (query: Record<string, string>) => t.http.get(`/v1/transfers/${id}/legality`).query(query).set(t.auth(t.keys.auditor));
    expect(String((await ask({ knownAt: 'yesterday' }).expect(400)).body.message)).toContain('knownAt');
    expect(String((await ask({ knownAt: '2024-06-01' }).expect(400)).body.message)).toContain('knownAt');
    expect(String((await ask({ position: '-3' }).expect(400)).body.message)).toContain('position');
    // One past the head, not a big constant: on EventStoreDB positions are byte offsets in the log.
    const beyondHead = ((await t.store.headPosition())! + 1n).toString();
    expect(String((await ask({ position: beyondHead }).expect(400)).body.message)).toContain('position');
    await ask({ position: '1', knownAt: '2024-06-01T00:00:00Z' }).expect(400);
    expect(String((await ask({ asOf: '1' }).expect(400)).body.message)).toContain('asOf');
  });

  it('answers 404 for an unknown transfer, and the same to another company', async () => {
    const id = newId();
    await record(id).expect(201);
    await t.http.get('/v1/transfers/nope/legality').set(t.auth(t.keys.regulator)).expect(404);
    await t.http.get(`/v1/transfers/${id}/legality`).set(t.auth(t.serviceKeyFor('other-company'))).expect(404);
  });
});
