import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyConfig } from '../../src/config/ledger-config.js';
import { sharedStore, type SharedStore } from '../support/esdb-double/shared-store.js';
import { pause } from '../support/event-store/wait-until.js';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';
import { refused } from './policy-http.js';

/** docs/api.md §3 and §12: keys issued, listed and revoked at run time; exact comparison; failed authentications throttled. */

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

let sequence = 0;
const transfer = (companyId: string) => ({
  transferId: `keys-tr-${++sequence}`,
  companyId,
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'US',
  occurredAt: '2024-06-01T10:00:00+08:00',
});

const issue = (t: TestApp, body: object, key = t.keys.admin) => t.http.post('/v1/keys').set(t.auth(key)).send(body);
const recordTransfer = (t: TestApp, key: string, companyId: string) => t.http.post('/v1/transfers').set(t.auth(key)).send(transfer(companyId));
const listed = async (t: TestApp, keyId: string) => {
  const response = await t.http.get('/v1/keys').set(t.auth(t.keys.admin)).expect(200);
  return (response.body.items as { keyId: string }[]).find((item) => item.keyId === keyId);
};

describe('access keys over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('issues a service key for a company registered after the start; it works at once, for that company only', async () => {
    await t.http.post('/v1/companies/late-company/registrations').set(t.auth(t.keys.regulator)).send({ zoneId: 'cn-shanghai-lingang', effectiveFrom: '2024-01-01' }).expect(201);
    const response = await issue(t, { role: 'service', companyId: 'late-company', label: 'late-company exporter' }).expect(201);
    expect(response.body).toEqual({
      keyId: expect.stringMatching(/^service-[0-9a-f]{12}$/),
      key: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      role: 'service',
      companyId: 'late-company',
      label: 'late-company exporter',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      position: expect.stringMatching(/^[1-9][0-9]*$/),
    });
    expect(response.headers['cache-control']).toBe('no-store');
    const { key, keyId } = response.body as { key: string; keyId: string };

    await recordTransfer(t, key, 'late-company').expect(201);
    await recordTransfer(t, key, TEST_COMPANY).expect(403);
    const probe = await t.http.get('/v1/keys').set(t.auth(key)).expect(403);
    expect(probe.body.message).toBe('role service may not do this (allowed: admin)');

    expect(await listed(t, keyId)).toEqual({
      keyId,
      role: 'service',
      companyId: 'late-company',
      label: 'late-company exporter',
      source: 'issued',
      revoked: false,
      issuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      issuedBy: expect.stringMatching(/^admin-[0-9a-f]{12}$/),
      revokedAt: null,
      revokedBy: null,
    });
  });

  it('issues regulator and auditor keys that do what their role may', async () => {
    const regulator = (await issue(t, { role: 'regulator' }).expect(201)).body as { key: string; companyId: unknown; label: unknown };
    expect(regulator).toMatchObject({ companyId: null, label: null });
    const auditor = (await issue(t, { role: 'auditor' }).expect(201)).body as { key: string };
    await t.http.post('/v1/companies/c-by-issued/registrations').set(t.auth(regulator.key)).send({ zoneId: 'z', effectiveFrom: '2024-01-01' }).expect(201);
    await t.http.get('/v1/companies/c-by-issued').set(t.auth(auditor.key)).expect(200);
    await t.http.post('/v1/companies/c-by-auditor/registrations').set(t.auth(auditor.key)).send({ zoneId: 'z', effectiveFrom: '2024-01-01' }).expect(403);
  });

  it('records issuance and revocation as events holding the digest, never the key, with the admin as actor', async () => {
    const before = await t.store.headPosition();
    const { key, keyId } = (await issue(t, { role: 'auditor', label: 'audit trail' }).expect(201)).body as { key: string; keyId: string };
    await t.http.delete(`/v1/keys/${keyId}`).set(t.auth(t.keys.admin)).expect(200);
    const events = (await t.store.readAll({ fromPosition: before ?? 0n })).filter((e) => e.position > (before ?? 0n) && e.stream === `access-key-${keyId}`);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['AccessKeyIssued', { keyId, digest: sha256(key), role: 'auditor', label: 'audit trail' }],
      ['AccessKeyRevoked', { keyId, digest: sha256(key), role: 'auditor' }],
    ]);
    for (const event of events) expect(event.metadata).toEqual({ actor: { role: 'admin', keyId: expect.stringMatching(/^admin-/) } });
    const everything = JSON.stringify((await t.store.readAll()).map((e) => [e.data, e.metadata]));
    expect(everything).not.toContain(key);
    expect(t.logs.join('\n')).not.toContain(key);
    // The audit trail is readable like any other part of the log.
    const timeline = await t.http.get(`/v1/audit/timeline?fromPosition=${events[0].position}&limit=2`).set(t.auth(t.keys.auditor)).expect(200);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual(['AccessKeyIssued', 'AccessKeyRevoked']);
  });

  it('revokes a key: 401 from then on; listed as revoked; a second revocation answers the first; unknown 404; bad id 400', async () => {
    const { key, keyId } = (await issue(t, { role: 'service', companyId: TEST_COMPANY }).expect(201)).body as { key: string; keyId: string };
    await recordTransfer(t, key, TEST_COMPANY).expect(201);
    const revoked = await t.http.delete(`/v1/keys/${keyId}`).set(t.auth(t.keys.admin)).expect(200);
    expect(revoked.body).toEqual({
      keyId,
      role: 'service',
      companyId: TEST_COMPANY,
      revoked: true,
      revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      revokedBy: expect.stringMatching(/^admin-[0-9a-f]{12}$/),
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      position: expect.stringMatching(/^[1-9][0-9]*$/),
    });
    const denied = await refused(t, 401, () => recordTransfer(t, key, TEST_COMPANY));
    expect(denied.body.message).toBe('unknown API key');
    await t.http.get('/v1/keys').set(t.auth(key)).expect(401);
    expect(await listed(t, keyId)).toMatchObject({ revoked: true, revokedAt: revoked.body.revokedAt, revokedBy: revoked.body.revokedBy });

    const head = await t.store.headPosition();
    expect((await t.http.delete(`/v1/keys/${keyId}`).set(t.auth(t.keys.admin)).expect(200)).body).toEqual(revoked.body);
    expect(await t.store.headPosition()).toBe(head);
    await refused(t, 404, () => t.http.delete('/v1/keys/service-000000000000').set(t.auth(t.keys.admin)));
    const bad = await refused(t, 400, () => t.http.delete('/v1/keys/not%20an%20id').set(t.auth(t.keys.admin)));
    expect(bad.body.message[0]).toMatch(/^keyId must be/);
  });

  it('revokes a configured key too, but never the admin key of the request itself', async () => {
    const keys = (await t.http.get('/v1/keys').set(t.auth(t.keys.admin)).expect(200)).body.items as { keyId: string; role: string; source: string; companyId: string | null }[];
    expect(keys.filter((k) => k.source === 'configured').map((k) => [k.role, k.companyId])).toEqual([
      ['regulator', null],
      ['auditor', null],
      ['service', TEST_COMPANY],
      ['service', 'other-company'],
      ['admin', null],
    ]);
    const other = keys.find((k) => k.companyId === 'other-company')!;
    await recordTransfer(t, t.serviceKeyFor('other-company'), 'other-company').expect(201);
    await t.http.delete(`/v1/keys/${other.keyId}`).set(t.auth(t.keys.admin)).expect(200);
    await recordTransfer(t, t.serviceKeyFor('other-company'), 'other-company').expect(401);

    const admin = keys.find((k) => k.role === 'admin')!;
    const self = await refused(t, 409, () => t.http.delete(`/v1/keys/${admin.keyId}`).set(t.auth(t.keys.admin)));
    expect(self.body.message).toBe(`access key ${admin.keyId} is the key of this request: revoke it with another admin key`);
    await t.http.get('/v1/keys').set(t.auth(t.keys.admin)).expect(200);
  });

  it('admin only: other roles get 403, no key 401, and an admin key does nothing else', async () => {
    for (const key of [t.keys.regulator, t.keys.auditor, t.keys.service]) {
      await refused(t, 403, () => issue(t, { role: 'auditor' }, key));
      await t.http.get('/v1/keys').set(t.auth(key)).expect(403);
      await refused(t, 403, () => t.http.delete('/v1/keys/auditor-000000000000').set(t.auth(key)));
    }
    await refused(t, 401, () => t.http.post('/v1/keys').send({ role: 'auditor' }));
    await t.http.get('/v1/keys').expect(401);
    await refused(t, 403, () => recordTransfer(t, t.keys.admin, TEST_COMPANY));
    await refused(t, 403, () => t.http.post('/v1/companies/x/registrations').set(t.auth(t.keys.admin)).send({ zoneId: 'z', effectiveFrom: '2024-01-01' }));
    await t.http.get('/v1/audit/timeline').set(t.auth(t.keys.admin)).expect(403);
  });

  it('400 for a bad issuance, every problem named, nothing appended', async () => {
    const cases: [object, string[]][] = [
      [{ role: 'admin' }, ['role must be one of the following values: regulator, auditor, service']],
      [{ role: 'service' }, ['companyId is required for a service key (the company it acts for)']],
      [{ role: 'auditor', companyId: TEST_COMPANY }, ["companyId is only for service keys (this key's role is auditor)"]],
      [{ role: 'service', companyId: 'bad id!', label: '', scope: 'all' }, ['companyId', 'label', 'scope']],
      [{}, ['role must be one of the following values: regulator, auditor, service']],
    ];
    for (const [body, expected] of cases) {
      const response = await refused(t, 400, () => issue(t, body));
      const messages = response.body.message as string[];
      if (expected.every((e) => e.includes(' '))) expect(messages).toEqual(expected);
      else expect(messages.map((m) => m.split(' ')[0]).sort()).toEqual(expected);
    }
  });
});

describe('keys are compared exactly', () => {
  let t: TestApp;
  let issued: string;
  beforeAll(async () => {
    t = await createTestApp();
    issued = ((await issue(t, { role: 'auditor' }).expect(201)).body as { key: string }).key;
  });
  afterAll(() => t.close());

  // Header values travel as latin1: 'Â\u00a0' is how a UTF-8 non-breaking space arrives.
  const variants = (key: string): string[] => [
    `Bearer ${key}\u00a0`,
    `Bearer ${key}Â\u00a0`,
    `Bearer \u00a0${key}`,
    `Bearer ${key} `.concat('x'),
    `Bearer ${key}\u0085`,
    `Bearer\t${key}`,
    `Bearer ${key.slice(0, -1)}`,
    `Bearer ${key.toUpperCase()}`,
    key,
  ];

  it.each(['configured', 'issued'])('%s keys: 200 as given, 401 for every whitespace or spelling variant', async (which) => {
    const key = which === 'issued' ? issued : t.keys.auditor;
    await t.http.get('/v1/audit/timeline').set({ Authorization: `Bearer ${key}` }).expect(200);
    await t.http.get('/v1/audit/timeline').set({ Authorization: `bearer  ${key}` }).expect(200);
    for (const header of variants(key)) {
      const response = await t.http.get('/v1/audit/timeline').set({ Authorization: header });
      expect({ header, status: response.status }).toEqual({ header, status: 401 });
    }
  });
});

/** A GET from a chosen loopback source address (the whole of 127.0.0.0/8 is this machine). */
function getFrom(port: number, localAddress: string, path: string, key?: string): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, localAddress, headers: key === undefined ? {} : { Authorization: `Bearer ${key}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('failed authentications are throttled per client address', () => {
  const LIMIT = 5;
  const WINDOW_SECONDS = 3;
  let t: TestApp;
  let port: number;
  const wrong = () => `wrong-${randomBytes(8).toString('hex')}`;
  const statuses = async (address: string, count: number, key: () => string | undefined): Promise<number[]> => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await getFrom(port, address, '/v1/audit/timeline', key())).status);
    return seen;
  };

  beforeAll(async () => {
    t = await createTestApp({ authFailures: { limit: LIMIT, windowSeconds: WINDOW_SECONDS } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it(`${LIMIT} wrong keys answer 401, the next 429 with Retry-After; another address is unaffected; the block ends`, async () => {
    expect(await statuses('127.0.0.2', LIMIT, wrong)).toEqual(Array(LIMIT).fill(401));
    const blocked = await getFrom(port, '127.0.0.2', '/v1/audit/timeline', wrong());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(blocked.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('too many failed authentications from this address') });
    // While blocked, a right key is not looked at either (or the block would tell a guesser which guess was right).
    expect((await getFrom(port, '127.0.0.2', '/v1/audit/timeline', t.keys.auditor)).status).toBe(429);
    expect((await getFrom(port, '127.0.0.2', '/health')).status).toBe(200);

    expect((await getFrom(port, '127.0.0.3', '/v1/audit/timeline', t.keys.auditor)).status).toBe(200);
    expect((await getFrom(port, '127.0.0.3', '/v1/audit/timeline', wrong())).status).toBe(401);

    await pause(Number(blocked.headers['retry-after']) * 1000 + 100);
    expect((await getFrom(port, '127.0.0.2', '/v1/audit/timeline', t.keys.auditor)).status).toBe(200);
    expect((await getFrom(port, '127.0.0.2', '/v1/audit/timeline', wrong())).status).toBe(401);
  });

  it('successful requests and requests without a key are never counted', async () => {
    expect(new Set(await statuses('127.0.0.4', 40, () => t.keys.auditor))).toEqual(new Set([200]));
    expect(new Set(await statuses('127.0.0.4', 3 * LIMIT, () => undefined))).toEqual(new Set([401]));
    expect(await statuses('127.0.0.4', LIMIT, wrong)).toEqual(Array(LIMIT).fill(401));
    expect((await getFrom(port, '127.0.0.4', '/v1/audit/timeline', wrong())).status).toBe(429);
  });
});

describe('access keys across two ledger instances sharing one store', () => {
  let store: SharedStore;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    store = await sharedStore('access-keys-shared');
    const apiKeys: ApiKeyConfig[] = [
      { key: randomBytes(24).toString('base64url'), role: 'admin' },
      { key: randomBytes(24).toString('base64url'), role: 'auditor' },
    ];
    a = await createTestApp({ storeUrl: store.url, apiKeys });
    b = await createTestApp({ storeUrl: store.url, apiKeys });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store.remove();
  });

  // Each instance learns the other's appends from its subscription, a little later (on SQLite, at
  // its next poll): only reading the log where it matters makes "at once" hold every time, so the
  // test goes round several times rather than once, when a lagging instance could be lucky.
  it('a key issued on one instance works on the other at once; revoked on the other, it is refused on the first at once', async () => {
    for (let round = 0; round < 5; round++) {
      const { key, keyId } = (await issue(a, { role: 'auditor' }).expect(201)).body as { key: string; keyId: string };
      await b.http.get('/v1/audit/timeline').set(b.auth(key)).expect(200);
      await b.http.delete(`/v1/keys/${keyId}`).set(b.auth(b.keys.admin)).expect(200);
      await a.http.get('/v1/audit/timeline').set(a.auth(key)).expect(401);
      expect(await listed(a, keyId)).toMatchObject({ source: 'issued', revoked: true });
    }
  });

  it('a configured key revoked on one instance is refused on the other at once', async () => {
    const auditorKeyId = (((await a.http.get('/v1/keys').set(a.auth(a.keys.admin)).expect(200)).body.items as { keyId: string; role: string }[]).find((k) => k.role === 'auditor'))!.keyId;
    await b.http.get('/v1/audit/timeline').set(b.auth(b.keys.auditor)).expect(200);
    await a.http.delete(`/v1/keys/${auditorKeyId}`).set(a.auth(a.keys.admin)).expect(200);
    await b.http.get('/v1/audit/timeline').set(b.auth(b.keys.auditor)).expect(401);
  });
});
