import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process.js';

/**
 * docs/api.md §12 with two ledger processes on one SQLite file and the keys generated on the
 * first start (admin included): keys issued and revoked on one take effect on the other at once,
 * without a restart. Each process learns the other's appends by polling the file, so "at once"
 * rests on the authentication reading the log, which several rounds would catch missing.
 */

interface StoredKey {
  readonly key: string;
  readonly role: string;
  readonly companyId?: string;
}

const call = (ledger: LedgerProcess, method: string, path: string, key: string, body?: object) =>
  fetch(`${ledger.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('access keys across two ledger processes on one SQLite file', () => {
  const dir = makeTempDir('ledger-keys-processes');
  let a: LedgerProcess;
  let b: LedgerProcess;
  let keys: StoredKey[];
  const keyOf = (role: string): string => keys.find((k) => k.role === role)!.key;

  beforeAll(async () => {
    const env = { EVENT_STORE_URL: `sqlite:${join(dir.path, 'ledger.sqlite')}` };
    a = await startLedgerProcess(env);
    b = await startLedgerProcess(env);
    keys = JSON.parse(readFileSync(join(dir.path, 'ledger.keys.json'), 'utf8')) as StoredKey[];
  }, 120_000);
  afterAll(async () => {
    for (const ledger of [a, b]) {
      ledger?.kill('SIGTERM');
      await ledger?.exited;
    }
    dir.remove();
  });

  it('the first start generated and printed an admin key beside the others; the second start printed none', () => {
    expect(keys.map((k) => k.role)).toEqual(['regulator', 'auditor', 'service', 'admin']);
    expect(a.printed.join('\n')).toContain(keyOf('admin'));
    expect(b.printed.join('\n')).not.toContain(keyOf('admin'));
  });

  it('a service key issued on one process for a company registered after the start works on the other at once; revoked there, refused on the first at once', async () => {
    expect((await call(a, 'POST', '/v1/companies/byd-shenzhen/registrations', keyOf('regulator'), { zoneId: 'cn-shenzhen-qianhai', effectiveFrom: '2024-01-01' })).status).toBe(201);
    for (let round = 0; round < 5; round++) {
      const issued = await call(a, 'POST', '/v1/keys', keyOf('admin'), { role: 'service', companyId: 'byd-shenzhen', label: `round ${round}` });
      expect(issued.status).toBe(201);
      const { key, keyId } = (await issued.json()) as { key: string; keyId: string };
      const transfer = {
        transferId: `byd-${round}`,
        companyId: 'byd-shenzhen',
        field: 'icv',
        category: 'after-sales/service-records',
        destination: 'DE',
        occurredAt: '2024-06-01T10:00:00+08:00',
      };
      expect((await call(b, 'POST', '/v1/transfers', key, transfer)).status).toBe(201);
      expect((await call(b, 'DELETE', `/v1/keys/${keyId}`, keyOf('admin'))).status).toBe(200);
      expect((await call(a, 'GET', '/v1/transfers/byd-0', key)).status).toBe(401);
      const listing = (await (await call(a, 'GET', '/v1/keys', keyOf('admin'))).json()) as { items: { keyId: string; revoked: boolean; label: string }[] };
      expect(listing.items.find((k) => k.keyId === keyId)).toMatchObject({ revoked: true, label: `round ${round}` });
    }
  });

  it('a generated key revoked on one process is refused on the other at once, and stays refused after a restart', async () => {
    const listing = (await (await call(b, 'GET', '/v1/keys', keyOf('admin'))).json()) as { items: { keyId: string; role: string; source: string }[] };
    const auditor = listing.items.find((k) => k.role === 'auditor' && k.source === 'generated')!;
    expect((await call(a, 'GET', '/v1/audit/timeline', keyOf('auditor'))).status).toBe(200);
    expect((await call(b, 'DELETE', `/v1/keys/${auditor.keyId}`, keyOf('admin'))).status).toBe(200);
    expect((await call(a, 'GET', '/v1/audit/timeline', keyOf('auditor'))).status).toBe(401);

    a.kill('SIGTERM');
    expect(await a.exited).toMatchObject({ code: 0 });
    a = await startLedgerProcess({ EVENT_STORE_URL: `sqlite:${join(dir.path, 'ledger.sqlite')}` });
    expect((await call(a, 'GET', '/v1/audit/timeline', keyOf('auditor'))).status).toBe(401);
    expect((await call(a, 'GET', '/v1/audit/timeline', keyOf('regulator'))).status).toBe(200);
  }, 60_000);
});
