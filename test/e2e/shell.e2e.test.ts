import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessKeys } from '../../src/access/access-keys.js';
import { ConfigError } from '../../src/config/config.error.js';
import { startLedger } from '../../src/start-ledger.js';
import { ShellProbeModule } from '../support/shell-probe.module.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const parsedLogs = (t: TestApp) => t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the HTTP shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ShellProbeModule] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('health and docs (public)', () => {
    it('answers /health without a key (or with a bad one) with only up or down; with a valid key, the store and the head position', async () => {
      const res = await t.http.get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok' });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect((await t.http.get('/health').set(bearer('not-a-known-key-at-all')).expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http.get('/health').set(bearer(t.keys.auditor)).expect(200)).body).toEqual({ status: 'ok', store: 'sqlite', position: null });
    });

    it('reports the head position once the log has events, to a caller with a key', async () => {
      const appended = await t.store.append('probe-health', [{ id: '018f6a3e-0000-7000-8000-000000000001', type: 'Probed', data: {} }]);
      const res = await t.http.get('/health').set(bearer(t.keys.service)).expect(200);
      expect(res.body.position).toBe(appended.position.toString());
    });

    it('serves the OpenAPI UI at /docs and the document at /docs-json, with bearer auth declared', async () => {
      const ui = await t.http.get('/docs').redirects(1).expect(200);
      expect(ui.text).toContain('swagger-ui');
      const doc = await t.http.get('/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.body.security).toEqual([{ bearer: [] }]);
      expect(doc.body.paths['/health'].get.security).toEqual([]);
      expect(doc.body.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'message']);
      const errorRef = { $ref: '#/components/schemas/ErrorBody' };
      expect(doc.body.paths['/probe/body'].post.responses).toMatchObject({
        '400': { content: { 'application/json': { schema: errorRef } } },
        '401': { content: { 'application/json': { schema: errorRef } } },
        '403': { content: { 'application/json': { schema: errorRef } } },
        '429': { content: { 'application/json': { schema: errorRef } } },
      });
      expect(Object.keys(doc.body.paths['/v1/keys'])).toEqual(['post', 'get']);
      expect(Object.keys(doc.body.paths['/v1/keys/{keyId}'])).toEqual(['delete']);
      expect(doc.body.paths['/health'].get.responses['401']).toBeUndefined();
    });
  });

  describe('API keys', () => {
    it('401 without a key, with a WWW-Authenticate challenge', async () => {
      const res = await t.http.get('/probe/regulator').expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('missing API key') });
    });

    it('401 with an unknown key or another scheme', async () => {
      await t.http.get('/probe/regulator').set(bearer('not-a-known-key-at-all')).expect(401);
      await t.http.get('/probe/regulator').set({ Authorization: `Basic ${t.keys.regulator}` }).expect(401);
      await t.http.get('/probe/regulator').set(bearer(`${t.keys.regulator}x`)).expect(401);
    });

    it('403 for a known key whose role the route does not list', async () => {
      const res = await t.http.get('/probe/regulator').set(bearer(t.keys.auditor)).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'role auditor may not do this (allowed: regulator)' });
      await t.http.get('/probe/regulator').set(bearer(t.keys.service)).expect(403);
    });

    it('a route that lists no roles is closed to every key', async () => {
      for (const key of Object.values(t.keys)) await t.http.get('/probe/unlisted').set(bearer(key)).expect(403);
    });

    it('puts the principal on the request, with a key id that is not the key', async () => {
      const res = await t.http.get('/probe/regulator').set(bearer(t.keys.regulator)).expect(200);
      expect(res.body).toEqual({ role: 'regulator', keyId: expect.stringMatching(/^regulator-[0-9a-f]{12}$/) });
      expect(JSON.stringify(res.body)).not.toContain(t.keys.regulator);
    });

    it('a service key acts for its own company only (403 otherwise); other roles act for any company', async () => {
      await t.http.get(`/probe/companies/${TEST_COMPANY}`).set(bearer(t.keys.service)).expect(200);
      const res = await t.http.get('/probe/companies/other-company').set(bearer(t.keys.service)).expect(403);
      expect(res.body.message).toBe(`this service key acts for company ${TEST_COMPANY} only, not other-company`);
      await t.http.get('/probe/companies/other-company').set(bearer(t.serviceKeyFor('other-company'))).expect(200);
      await t.http.get('/probe/companies/other-company').set(bearer(t.keys.auditor)).expect(200);
    });
  });

  describe('validation', () => {
    it('accepts a valid body and hands the handler an instance of the DTO', async () => {
      const res = await t.http
        .post('/probe/body')
        .set(bearer(t.keys.regulator))
        .send({ title: 'ok', thresholds: [{ atLeast: 1 }, { atLeast: 0 }] })
        .expect(201);
      expect(res.body).toEqual({ title: 'ok', atLeast: [1, 0], isInstance: true });
    });

    it('400 naming every problem, nested fields with dotted paths, unknown fields included', async () => {
      const res = await t.http
        .post('/probe/body')
        .set(bearer(t.keys.regulator))
        .send({ title: 7, thresholds: [{ atLeast: 1 }, { atLeast: -1, extra: true }], color: 'red' })
        .expect(400);
      expect(res.body.statusCode).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message).toEqual(
        expect.arrayContaining([
          'title must be a string',
          'thresholds.1.atLeast must not be less than 0',
          'thresholds.1.extra is not an accepted field',
          'color is not an accepted field',
        ]),
      );
      expect(res.body.message).toHaveLength(4);
    });

    it('400 when a required field is missing', async () => {
      const res = await t.http.post('/probe/body').set(bearer(t.keys.regulator)).send({ title: 'x' }).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining(['thresholds must contain at least 1 elements']));
    });

    it('400 for a body that is JSON but not an object, or nested values that are not objects', async () => {
      const array = await t.http.post('/probe/body').set(bearer(t.keys.regulator)).send([{ title: 'x' }]).expect(400);
      expect(array.body.message).toEqual(['body must be a JSON object']);
      const nested = await t.http.post('/probe/body').set(bearer(t.keys.regulator)).send({ title: 'x', thresholds: [null, { atLeast: 'one' }] }).expect(400);
      expect(nested.body.message).toEqual([
        'thresholds.0 must be an object',
        'thresholds.1.atLeast must not be less than 0',
        'thresholds.1.atLeast must be an integer number',
      ]);
    });

    it('400 for a body that is not JSON, without echoing it', async () => {
      const res = await t.http.post('/probe/body').set(bearer(t.keys.regulator)).set('Content-Type', 'application/json').send('{"title": secret').expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the request body is not valid JSON' });
    });

    it('413 for a body that is too large', async () => {
      const res = await t.http
        .post('/probe/body')
        .set(bearer(t.keys.regulator))
        .send({ title: 'x'.repeat(200_000), thresholds: [{ atLeast: 1 }] })
        .expect(413);
      expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'the request body is too large' });
    });
  });

  describe('error bodies', () => {
    it('maps domain rejections to 404, 409 and 400 with the problems as strings', async () => {
      expect((await t.http.get('/probe/not-found').set(bearer(t.keys.regulator)).expect(404)).body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'regime r-404 not found',
      });
      expect((await t.http.get('/probe/conflict').set(bearer(t.keys.regulator)).expect(409)).body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'regime r-1 exists with other content',
      });
      expect((await t.http.get('/probe/rejected').set(bearer(t.keys.regulator)).expect(400)).body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['effectiveUntil must be later than effectiveFrom (2024-05-17)', 'title must not be empty'],
      });
    });

    it('503 when the store is unreachable, 409 when concurrent writers outran the retries or an event id is taken', async () => {
      const down = await t.http.get('/probe/store-down').set(bearer(t.keys.regulator)).expect(503);
      expect(down.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the event store is unavailable; retry later' });
      const raced = await t.http.get('/probe/raced').set(bearer(t.keys.regulator)).expect(409);
      expect(raced.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'the fact was changed concurrently; retry' });
      const duplicate = await t.http.get('/probe/duplicate-id').set(bearer(t.keys.regulator)).expect(409);
      expect(duplicate.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'an event with this id is already recorded with other content; nothing was written' });
    });

    it('404 in the same shape for an unknown route, before asking for a key', async () => {
      const res = await t.http.get('/v1/nothing-here').expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/nothing-here' });
    });

    it('500 for an unexpected error: logged with its stack, never sent', async () => {
      const res = await t.http.get('/probe/boom').set(bearer(t.keys.regulator)).expect(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal server error' });
      expect(res.text).not.toContain('hunter2');
      const logged = parsedLogs(t).find((l) => l.level === 'error' && String(l.msg).includes('hunter2'));
      expect(logged?.stack).toEqual(expect.stringContaining('ProbeController.boom'));
    });
  });

  it('logs one JSON line per request with method, path, status, duration and role, never the key', async () => {
    await t.http.get('/probe/regulator?x=1').set(bearer(t.keys.regulator)).expect(200);
    const line = parsedLogs(t).filter((l) => l.msg === 'request' && l.path === '/probe/regulator').pop();
    expect(line).toMatchObject({ level: 'info', method: 'GET', status: 200, role: 'regulator', keyId: expect.stringMatching(/^regulator-/) });
    expect(typeof line?.durationMs).toBe('number');
    for (const key of Object.values(t.keys)) expect(t.logs.join('\n')).not.toContain(key);
  });
});

describe('health when the store is gone', () => {
  it('answers 503 once the event store is closed', async () => {
    const t = await createTestApp();
    try {
      await t.http.get('/health').expect(200);
      await t.store.close();
      expect((await t.http.get('/health').expect(503)).body).toEqual({ status: 'unavailable' });
      const res = await t.http.get('/health').set(bearer(t.keys.regulator)).expect(503);
      // Fixed words: the store's own error text stays in the log.
      expect(res.body).toEqual({ status: 'unavailable', store: 'sqlite', message: 'the event store is unavailable; retry later' });
    } finally {
      await t.close();
    }
  });
});

describe('start-up from the environment (main)', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-shell-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const printed: string[] = [];
    const logs: string[] = [];
    const app = await startLedger({ LEDGER_SEED: 'none', ...env }, { print: (text) => printed.push(text), logSink: (line) => logs.push(line), port: 0 });
    return { app, printed, logs };
  };

  it('generates one key per role beside a SQLite file, owner-only from creation, printed on the first start only; a loosened file is warned about', async () => {
    const dir = tempDir();
    const env = { EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.sqlite')}` };

    const first = await start(env);
    const file = join(dir, 'ledger.keys.json');
    let stored: { key: string; role: string; companyId?: string }[];
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      stored = JSON.parse(readFileSync(file, 'utf8'));
      expect(stored.map((k) => [k.role, k.companyId])).toEqual([
        ['regulator', undefined],
        ['auditor', undefined],
        ['service', 'tesla-shanghai'],
        ['admin', undefined],
      ]);
      expect(first.printed).toHaveLength(1);
      for (const { key } of stored) expect(first.printed[0]).toContain(key);
      const keys = first.app.get(AccessKeys);
      expect(await Promise.all(stored.map(async (k) => (await keys.authenticate(k.key))?.role))).toEqual(['regulator', 'auditor', 'service', 'admin']);
      for (const { key } of stored) expect(first.logs.join('\n')).not.toContain(key);
      await first.app.close();

      const second = await start(env);
      try {
        expect(second.printed).toEqual([]);
        expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored);
        expect((await second.app.get(AccessKeys).authenticate(stored[0].key))?.role).toBe('regulator');
        expect(second.logs.join('\n')).toContain('"source":"key-file"');
        expect(second.logs.join('\n')).not.toContain('chmod 600');
      } finally {
        await second.app.close();
      }

      chmodSync(file, 0o644);
      const third = await start(env);
      await third.app.close();
      expect(third.logs.filter((line) => line.includes('"level":"warn"') && line.includes('chmod 600'))).toHaveLength(1);
    } finally {
      await first.app.close().catch(() => undefined);
    }
  });

  it('says how to add an admin key when the key file was written before admin keys existed, and keeps its keys', async () => {
    const dir = tempDir();
    const regulator = { key: 'an-older-regulator-key', role: 'regulator' };
    writeFileSync(join(dir, 'ledger.keys.json'), JSON.stringify([regulator]), { mode: 0o600 });
    const { app, printed, logs } = await start({ EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.sqlite')}` });
    try {
      expect(printed).toEqual([]);
      expect(logs.filter((line) => line.includes('"level":"warn"') && line.includes('has no admin key'))).toHaveLength(1);
      expect((await app.get(AccessKeys).authenticate(regulator.key))?.role).toBe('regulator');
      expect(JSON.parse(readFileSync(join(dir, 'ledger.keys.json'), 'utf8'))).toEqual([regulator]);
    } finally {
      await app.close();
    }
  });

  it('uses LEDGER_API_KEYS when set: no key file, nothing printed', async () => {
    const dir = tempDir();
    const key = 'a-configured-regulator-key';
    const { app, printed } = await start({ EVENT_STORE_URL: `sqlite:${join(dir, 'ledger.sqlite')}`, LEDGER_API_KEYS: JSON.stringify([{ key, role: 'regulator' }]) });
    try {
      expect(printed).toEqual([]);
      expect(() => statSync(join(dir, 'ledger.keys.json'))).toThrow();
      expect((await app.get(AccessKeys).authenticate(key))?.role).toBe('regulator');
    } finally {
      await app.close();
    }
  });

  it('prints fresh keys for an in-memory store', async () => {
    const { app, printed } = await start({ EVENT_STORE_URL: 'sqlite::memory:' });
    try {
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/regulator\s+\S{43}/);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a bad variable, naming it', async () => {
    await expect(start({ EVENT_STORE_URL: 'sqlite::memory:', LEDGER_API_KEYS: '[{"key":"short","role":"admin"}]' })).rejects.toThrow(ConfigError);
    await expect(start({ EVENT_STORE_URL: 'sqlite::memory:', LEDGER_SEED: 'everything' })).rejects.toThrow(/LEDGER_SEED must be one of lingang, none/);
  });
});
