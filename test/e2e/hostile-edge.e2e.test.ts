import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { uuidv7 } from '../../src/common/ids.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { INTERNAL_TEXT, sendRaw, WRITE_ENDPOINTS, type WriteEndpoint } from '../support/write-endpoints.js';

/**
 * Issue 9's hostile classes over HTTP, one describe each (docs/api.md §1, §6, §10, §11): what
 * each answers now, and that a refusal records nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: 'lingang' });
});
afterAll(async () => {
  await t.close();
});

const endpoint = (method: WriteEndpoint['method'], path: string): WriteEndpoint => WRITE_ENDPOINTS.find((e) => e.method === method && e.path === path)!;
const designations = endpoint('post', '/v1/designations');
const instruments = endpoint('post', '/v1/instruments');
const transfers = endpoint('post', '/v1/transfers');
const evaluate = endpoint('post', '/v1/legality/evaluate');

/** Sends, expects `status` with the standard error body, and checks the log head did not move. */
async function refused(status: number, send: () => PromiseLike<Response>): Promise<Response> {
  const head = await t.store.headPosition();
  const response = await send();
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: { statusCode: status, error: expect.any(String), message: expect.anything() },
  });
  expect(response.text).not.toMatch(INTERNAL_TEXT);
  expect(await t.store.headPosition()).toBe(head);
  return response;
}

const json = (value: unknown): string => JSON.stringify(value);
const messages = (response: Response): string[] => [response.body.message].flat();

describe('one strict JSON edge', () => {
  it('415 for a body that is not application/json (form-encoded, text, another charset, compressed), nothing recorded', async () => {
    const form = 'designationId=form&field=icv&classification=core&effectiveFrom=2030-01-01';
    const res = await refused(415, () => sendRaw(t, designations, form, 'application/x-www-form-urlencoded'));
    expect(res.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'the request body must be JSON: send Content-Type: application/json' });
    await refused(415, () => sendRaw(t, designations, json(designations.body), 'text/plain'));
    await refused(415, () => sendRaw(t, designations, json(designations.body), 'application/json; charset=latin1'));
    await refused(415, () => sendRaw(t, designations, json(designations.body)).set('Content-Encoding', 'gzip'));
    await t.http.get(`/v1/designations/form`).set(t.auth(t.keys.auditor)).expect(404);
  });

  it('asks for the key before looking at the body: 401 first, then 415', async () => {
    await refused(401, () => t.http.post('/v1/designations').set('Content-Type', 'text/plain').send('x'));
  });

  it('accepts application/json with charset utf-8', async () => {
    await sendRaw(t, evaluate, json(evaluate.body), 'application/json; charset=UTF-8').expect(200);
  });

  it('400 naming the path for nesting deeper than 32 levels, on every write endpoint, never a 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    for (const e of WRITE_ENDPOINTS) {
      const res = await refused(400, () => sendRaw(t, e, `{"scope":${deep}}`));
      expect(messages(res)).toEqual([`scope${'.a'.repeat(31)} nests deeper than 32 levels`]);
    }
    const arrays = await refused(400, () => sendRaw(t, designations, `{"x":${'['.repeat(3000)}${']'.repeat(3000)}}`));
    expect(messages(arrays)).toEqual([`x${'.0'.repeat(31)} nests deeper than 32 levels`]);
  });

  it('400 naming the path for a member given twice (JSON.parse would keep the last)', async () => {
    const text = json(instruments.body).replace('"fields":', '"fields":["icv"],"fields":');
    expect(messages(await refused(400, () => sendRaw(t, instruments, text)))).toEqual(['scope.fields is given more than once']);
    const top = json(designations.body).replace('{', '{"classification":"core",');
    expect(messages(await refused(400, () => sendRaw(t, designations, top)))).toEqual(['classification is given more than once']);
  });

  it('400 for __proto__, constructor and prototype members: unknown fields, wherever they are', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const top = json(designations.body).replace('{', `{"${name}":{"classification":"core"},`);
      expect(messages(await refused(400, () => sendRaw(t, designations, top)))).toEqual([`${name} is not an accepted field`]);
      const nested = json(instruments.body).replace('"scope":{', `"scope":{"${name}":{},`);
      expect(messages(await refused(400, () => sendRaw(t, instruments, nested)))).toEqual([`scope.${name} is not an accepted field`]);
    }
  });

  it('400 for null in any field, optional ones included (no field gives null a meaning)', async () => {
    const res = await refused(400, () => t.http.post('/v1/instruments').set(t.auth(t.keys.regulator)).send({ ...instruments.body, scope: { fields: null, destinations: null } }));
    expect(messages(res)).toEqual(['scope.fields must not be null', 'scope.destinations must not be null']);
    const category = await refused(400, () => t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).send({ ...designations.body, category: null, effectiveUntil: null }));
    expect(messages(category)).toEqual(['category must not be null', 'effectiveUntil must not be null']);
    const counts = await refused(400, () => t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.service)).send({ ...evaluate.body, personalInfoSubjects: null, purpose: null, knownAt: null }));
    expect(messages(counts)).toEqual(['knownAt must not be null', 'personalInfoSubjects must not be null', 'purpose must not be null']);
  });

  it('400 for a list where an object belongs (entries: [[…]], scope: [])', async () => {
    const lists = endpoint('post', '/v1/data-lists');
    const res = await refused(400, () => t.http.post('/v1/data-lists').set(t.auth(t.keys.regulator)).send({ ...lists.body, entries: [[{ field: 'icv' }]] }));
    expect(messages(res)).toEqual(['entries.0 must be an object']);
    const scope = await refused(400, () => t.http.post('/v1/instruments').set(t.auth(t.keys.regulator)).send({ ...instruments.body, scope: [{ fields: ['icv'] }] }));
    expect(messages(scope)).toEqual(['scope must be an object']);
  });

  it('413 for a body over 100 kB, 400 for invalid UTF-8 and for text that is not JSON', async () => {
    const large = await refused(413, () => sendRaw(t, designations, json({ ...designations.body, field: 'x'.repeat(110_000) })));
    expect(large.body.message).toBe('the request body is too large');
    const latin1 = Buffer.concat([Buffer.from('{"designationId":"x","field":"'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect(messages(await refused(400, () => t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).set('Content-Type', 'application/json').serialize((bytes) => bytes as never).send(latin1)))).toEqual([
      'body is not valid UTF-8',
    ]);
    expect((await refused(400, () => sendRaw(t, designations, '{"field": "icv",}'))).body.message).toBe('the request body is not valid JSON');
  });
});

describe('ranges', () => {
  const ask = (extra: Record<string, unknown>) => t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.service)).send({ ...evaluate.body, ...extra });

  it('instants whose Shanghai date lies from 1970-01-01 to 9999-12-31; dates likewise', async () => {
    expect((await ask({ occurredAt: '9999-12-31T15:59:59.999Z' }).expect(200)).body.date).toBe('9999-12-31');
    expect((await ask({ occurredAt: '1969-12-31T16:00:00Z' }).expect(200)).body.date).toBe('1970-01-01');
    for (const occurredAt of ['9999-12-31T16:00:00Z', '9999-12-31T23:00:00+08:00'.replace('+08:00', '-01:00'), '1969-12-31T15:59:59Z']) {
      expect(messages(await refused(400, () => ask({ occurredAt })))).toEqual([expect.stringMatching(/^occurredAt must be an ISO 8601 instant .* from 1970-01-01 to 9999-12-31$/)]);
    }
    const dates = await refused(400, () => t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).send({ ...designations.body, effectiveFrom: '1969-12-31', effectiveUntil: '10000-01-01' }));
    expect(messages(dates)).toEqual([
      'effectiveFrom must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31',
      'effectiveUntil must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31',
    ]);
    const lists = endpoint('post', '/v1/data-lists');
    const term = await refused(400, () => t.http.post('/v1/data-lists').set(t.auth(t.keys.regulator)).send({ ...lists.body, effectiveFrom: '9999-06-01', termMonths: 12 }));
    expect(messages(term)).toEqual(['termMonths ends the term after 9999-12-31']);
  });

  it('counts are integers from 0 to 10^10; non-integers and inexact numbers are refused', async () => {
    expect((await ask({ personalInfoSubjects: 10_000_000_000 }).expect(200)).body.cumulative.personalInfoSubjects).toBeGreaterThanOrEqual(10_000_000_000);
    expect(messages(await refused(400, () => ask({ personalInfoSubjects: 10_000_000_001 })))).toEqual(['personalInfoSubjects must not be greater than 10000000000']);
    expect(messages(await refused(400, () => ask({ sensitivePersonalInfoSubjects: 2.5 })))).toEqual(['sensitivePersonalInfoSubjects must be an integer number']);
    for (const literal of ['9007199254740990.5', '5.0000000000000001', '9007199254740993']) {
      const text = json(evaluate.body).replace('"personalInfoSubjects":10', `"personalInfoSubjects":${literal}`);
      expect(messages(await refused(400, () => sendRaw(t, evaluate, text)))).toEqual([
        `personalInfoSubjects must be a number JSON can carry exactly: ${literal} would be read as ${Number(literal)}`,
      ]);
    }
    const regimes = endpoint('post', '/v1/regimes');
    const threshold = await refused(400, () =>
      t.http.post('/v1/regimes').set(t.auth(t.keys.regulator)).send({ ...regimes.body, thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1e11, requirement: 'standard-contract' }] }),
    );
    expect(messages(threshold)).toEqual(['thresholds.0.atLeast must not be greater than 10000000000']);
  });

  it('every position parameter is at most 2^63 − 1 (400 beyond, never 500)', async () => {
    const timeline = (from: string) => t.http.get(`/v1/audit/timeline?fromPosition=${from}`).set(t.auth(t.keys.auditor));
    expect((await timeline('9223372036854775807').expect(200)).body).toEqual({ events: [], nextFromPosition: null });
    for (const from of ['99999999999999999999', '9223372036854775808']) {
      expect(messages(await refused(400, () => timeline(from)))).toEqual(['fromPosition must be a ledger position (a decimal integer from 0 to 9223372036854775807)']);
    }
    expect(messages(await refused(400, () => t.http.get('/v1/regimes/cn-2024-cross-border-provisions?position=99999999999999999999').set(t.auth(t.keys.auditor))))).toEqual([
      'position must be a ledger position (a decimal integer from 0 to 9223372036854775807)',
    ]);
    expect(messages(await refused(400, () => ask({ position: '18446744073709551615' })))).toEqual(['position must be a ledger position (a decimal integer from 0 to 9223372036854775807)']);
  });
});

describe('one id grammar, clean labels', () => {
  it('refuses "." and ".." as ids, in bodies and in paths (no URL client could read them back)', async () => {
    for (const transferId of ['.', '..']) {
      const res = await refused(400, () => t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ ...transfers.body, transferId }));
      expect(messages(res)).toEqual(['transferId must be 1–128 letters, digits, ".", "_", "-" or ":", and not "." or ".."']);
    }
    await refused(400, () => t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).send({ ...designations.body, designationId: '..' }));
    // Encoded, so that the client does not resolve it away before the ledger sees it.
    const path = await refused(400, () => t.http.get('/v1/transfers/%2E%2E').set(t.auth(t.keys.auditor)));
    expect(messages(path)).toEqual(['transferId must be 1–128 letters, digits, ".", "_", "-" or ":", and not "." or ".."']);
    await refused(400, () => t.http.get('/v1/transfers/a%20b/legality').set(t.auth(t.keys.auditor)));
    await t.http.get('/v1/transfers/...').set(t.auth(t.keys.auditor)).expect(404);
  });

  it('refuses zero-width, bidirectional and control characters in labels, naming the field', async () => {
    const cases: [string, string][] = [
      ['icv\u200b', 'field'],
      ['\u202eicv', 'field'],
      ['icv\u0000', 'field'],
    ];
    for (const [field, name] of cases) {
      const res = await refused(400, () => t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).send({ ...designations.body, field }));
      expect(messages(res)).toEqual([`${name} must not contain control, zero-width or bidirectional formatting characters`]);
    }
    const category = await refused(400, () => t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ ...transfers.body, transferId: 'bidi', category: 'after-sales\u2066/service-records' }));
    expect(messages(category)).toEqual(['category must not contain control, zero-width or bidirectional formatting characters']);
    const space = await refused(400, () => t.http.post('/v1/instruments').set(t.auth(t.keys.regulator)).send({ ...instruments.body, scope: { fields: ['icv', 'icv '] } }));
    expect(messages(space)).toEqual(['scope.fields item 1 must not begin or end with white space']);
  });

  it('normalises labels to NFC, so that two spellings of one text are one label', async () => {
    const decomposed = 'cafe\u0301'; // "café" with a combining accent
    await t.http.post('/v1/designations').set(t.auth(t.keys.regulator)).send({ ...designations.body, designationId: 'nfc', field: decomposed, category: undefined, classification: 'core' }).expect(201);
    const stored = await t.http.get('/v1/designations/nfc').set(t.auth(t.keys.auditor)).expect(200);
    expect(stored.body.current.content.field).toBe('caf\u00e9');
    const verdict = await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.service)).send({ ...evaluate.body, field: 'caf\u00e9', occurredAt: '2030-06-01T10:00:00+08:00' }).expect(200);
    expect(verdict.body).toMatchObject({ classification: 'core', requirement: 'prohibited' });
  });
});

describe('defence in depth on the read side', () => {
  it('refuses scope.fields: null at the edge and in the decider', async () => {
    await refused(400, () => t.http.post('/v1/instruments').set(t.auth(t.keys.regulator)).send({ ...instruments.body, instrumentId: 'poison', scope: { fields: null } }));
  });

  it('a malformed stored instrument fails only the questions that need it, naming it (409), never a 500', async () => {
    const company = 'poisoned-co';
    const ask = (companyId: string, extra: Record<string, unknown> = {}) =>
      t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send({ ...evaluate.body, companyId, ...extra });
    // A question that reaches step 5: after-sales data is important for a company outside Lingang.
    const needsInstrument = { personalInfoSubjects: 150_000, occurredAt: '2025-06-01T10:00:00+08:00' };
    const before = await ask(company, needsInstrument).expect(200);
    expect(before.body).toMatchObject({ legal: false, requirement: 'security-assessment' });

    // What the edge no longer lets through, written as an older ledger would have stored it.
    const eventId = uuidv7();
    const { position } = await t.store.append('instrument-poison', [
      {
        id: eventId,
        type: 'InstrumentGranted',
        data: { instrumentId: 'poison', companyId: company, kind: 'standard-contract', scope: { fields: null }, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01' },
      },
    ]);
    const poisoned = await ask(company, needsInstrument).expect(409);
    expect(poisoned.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `instrument poison cannot be read as recorded (event ${eventId} at position ${position}: scope.fields must be a list of at most 1000 items); questions that need it cannot be answered until it is corrected`,
    });
    // The same company's questions that do not need an instrument, and other companies', are answered.
    expect((await ask(company, { field: 'plain-data', category: 'x' }).expect(200)).body).toMatchObject({ legal: true, requirement: 'none' });
    const tesla = await ask(TEST_COMPANY, needsInstrument);
    expect({ status: tesla.status, body: tesla.body }).toMatchObject({ status: 200, body: { legal: false, requirement: 'security-assessment' } });
    // Asked before the bad event, the answer is as it was.
    expect((await ask(company, { ...needsInstrument, position: before.body.position }).expect(200)).body).toEqual(before.body);
    // Its own read shows what was stored; an amendment with readable content mends it.
    await t.http.get('/v1/instruments/poison').set(t.auth(t.keys.auditor)).expect(200);
    await t.http.put('/v1/instruments/poison').set(t.auth(t.keys.regulator)).send({ ...instruments.body, instrumentId: 'poison', companyId: company, kind: 'security-assessment', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2027-01-01' }).expect(200);
    expect((await ask(company, needsInstrument).expect(200)).body).toMatchObject({ legal: true, satisfiedBy: ['poison'] });
  });
});

describe('no leaks', () => {
  it("another company's transfer answers exactly as a missing one, on every read and on corrections", async () => {
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ ...transfers.body, transferId: 'owned' }).expect(201);
    const other = t.serviceKeyFor('other-company');
    const requests = [
      (id: string) => t.http.get(`/v1/transfers/${id}`).set(t.auth(other)),
      (id: string) => t.http.get(`/v1/transfers/${id}/legality`).set(t.auth(other)),
      (id: string) => t.http.post(`/v1/transfers/${id}/corrections`).set(t.auth(other)).send({ importantData: true }),
    ];
    for (const send of requests) {
      const owned = await refused(404, () => send('owned'));
      const missing = await refused(404, () => send('missin'));
      expect(owned.body).toEqual({ ...missing.body, message: missing.body.message.replace('missin', 'owned') });
      expect(owned.text).not.toContain(TEST_COMPANY);
    }
  });

  it("a 409 on another company's transferId names no fields; on one's own it still does", async () => {
    const theirs = await refused(409, () => t.http.post('/v1/transfers').set(t.auth(t.serviceKeyFor('other-company'))).send({ ...transfers.body, transferId: 'owned', companyId: 'other-company' }));
    expect(theirs.body.message).toBe('transfer owned is already recorded with other content');
    const mine = await refused(409, () => t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ ...transfers.body, transferId: 'owned', destination: 'DE' }));
    expect(mine.body.message).toBe('transfer owned is already recorded with other content (destination differ)');
  });

  it('/health without a key says only up or down; a key of any role sees the store and the position', async () => {
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health').set(t.auth('wrong-key')).expect(200)).body).toEqual({ status: 'ok' });
    const detailed = await t.http.get('/health').set(t.auth(t.keys.service)).expect(200);
    expect(detailed.body).toEqual({ status: 'ok', store: expect.stringMatching(/^(sqlite|eventstoredb)$/), position: (await t.store.headPosition())?.toString() });
  });
});
