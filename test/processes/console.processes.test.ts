import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process.js';

/** The built ledger (`node dist/src/main.js`) serves the console from the files copied beside its code. */
describe('the console of the built ledger', () => {
  const dir = makeTempDir('ledger-console-process');
  let ledger: LedgerProcess;
  beforeAll(async () => {
    ledger = await startLedgerProcess({ EVENT_STORE_URL: `sqlite:${join(dir.path, 'ledger.sqlite')}` });
  }, 120_000);
  afterAll(async () => {
    ledger?.kill('SIGTERM');
    await ledger?.exited;
    dir.remove();
  });

  it('answers / and its scripts, and the generated admin key signs in', async () => {
    const page = await fetch(`${ledger.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/app.js');
    const script = await fetch(`${ledger.url}/console/app.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const { key } = (JSON.parse(readFileSync(join(dir.path, 'ledger.keys.json'), 'utf8')) as { key: string; role: string }[]).find((k) => k.role === 'admin')!;
    const me = await fetch(`${ledger.url}/v1/keys/me`, { headers: { Authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ role: 'admin', companyId: null });
  });
});
