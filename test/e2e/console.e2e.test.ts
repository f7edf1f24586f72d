import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/** docs/api.md §10 "Console" and §12 `GET /v1/keys/me`: the pages the ledger serves, and how they sign in. */

const PUBLIC = join(process.cwd(), 'src', 'console', 'public');
const filesUnder = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the console', () => {
  it('answers GET / with its page to anyone, allowing only its own scripts and styles', async () => {
    const response = await t.http.get('/').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<script type="module" src="/console/app.js"></script>');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves every file of src/console/public with its type, and nothing else', async () => {
    for (const file of filesUnder(PUBLIC).filter((f) => f !== 'index.html')) {
      const response = await t.http.get(`/console/${file}`).expect(200);
      expect(response.headers['content-type']).toMatch(file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    await t.http.get('/console/missing.js').expect(404);
    await t.http.get('/console/../package.json').expect(404);
    await t.http.get('/console/%2e%2e/serve-console.ts').expect(404);
    await t.http.post('/').expect(404);
  });

  it('loads nothing from another origin (it works with no internet), and keeps the key out of every URL', () => {
    for (const file of filesUnder(PUBLIC)) {
      const text = readFileSync(join(PUBLIC, file), 'utf8');
      expect({ file, external: text.match(/(?:src|href)=["']?(?:https?:)?\/\//g) ?? [] }).toEqual({ file, external: [] });
      expect({ file, imports: [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]).filter((path) => !path.startsWith('.')) }).toEqual({ file, imports: [] });
      expect({ file, localStorage: /localStorage\.setItem|document\.cookie\s*=/.test(text) }).toEqual({ file, localStorage: false });
    }
  });
});

describe('GET /v1/keys/me', () => {
  it.each(['regulator', 'auditor', 'service', 'admin'] as const)('tells the %s key its key id, role and company, never the key', async (role) => {
    const { body } = await t.http.get('/v1/keys/me').set(t.auth(t.keys[role])).expect(200);
    expect(body).toEqual({ keyId: expect.stringMatching(new RegExp(`^${role}-[0-9a-f]{12}$`)), role, companyId: role === 'service' ? TEST_COMPANY : null });
    expect(JSON.stringify(body)).not.toContain(t.keys[role]);
  });

  it('answers 401 to no key and to a wrong one', async () => {
    await t.http.get('/v1/keys/me').expect(401);
    const { body } = await t.http.get('/v1/keys/me').set(t.auth('not-a-key-of-this-ledger')).expect(401);
    expect(body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'unknown API key' });
  });

  it('answers 401 to a key once it is revoked', async () => {
    const issued = (await t.http.post('/v1/keys').set(t.auth(t.keys.admin)).send({ role: 'auditor' }).expect(201)).body;
    await t.http.get('/v1/keys/me').set(t.auth(issued.key)).expect(200);
    await t.http.delete(`/v1/keys/${issued.keyId}`).set(t.auth(t.keys.admin)).expect(200);
    await t.http.get('/v1/keys/me').set(t.auth(issued.key)).expect(401);
  });
});
