import { afterEach, describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ConfigError } from '../../src/config/config.error.js';
import { startLedger } from '../../src/start-ledger.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';

/**
 * The key checkpoints are signed with, from start-up (docs/api.md §2 `LEDGER_SIGNING_KEY`):
 * generated once beside a SQLite file, owner-only from creation, and kept across restarts; or
 * configured, which EventStoreDB requires. Process-level, like shell.e2e (not run on the double).
 */

const dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

async function start(env: Record<string, string>) {
  const logs: string[] = [];
  const app = await startLedger({ LEDGER_SEED: 'none', ...env }, { print: () => undefined, logSink: (line) => logs.push(line), port: 0 });
  const publicKeyPem: string = (await request(app.getHttpServer()).get('/v1/audit/public-key').expect(200)).body.publicKeyPem;
  return { app, logs, publicKeyPem };
}

describe('the signing key at start-up', () => {
  it('is generated beside a SQLite file on first start (mode 0600), signs with the same key after a restart, and a loosened file is warned about', async () => {
    const dir = makeTempDir('ledger-signing-key');
    dirs.push(dir);
    const env = { EVENT_STORE_URL: `sqlite:${join(dir.path, 'ledger.sqlite')}` };
    const file = join(dir.path, 'ledger.signing-key.pem');

    const first = await start(env);
    await first.app.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createPublicKey(readFileSync(file, 'utf8')).export({ type: 'spki', format: 'pem' })).toBe(first.publicKeyPem);
    expect(first.logs.join('\n')).toContain('"source":"generated"');
    expect(first.logs.join('\n')).not.toContain(readFileSync(file, 'utf8').split('\n')[1]);

    const second = await start(env);
    await second.app.close();
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(second.logs.join('\n')).toContain('"source":"key-file"');

    chmodSync(file, 0o644);
    const third = await start(env);
    await third.app.close();
    expect(third.logs.filter((line) => line.includes('"level":"warn"') && line.includes(`the signing key file ${file} is readable or writable by others`))).toHaveLength(1);
  });

  it('is the configured one when LEDGER_SIGNING_KEY is set: no key file is written', async () => {
    const dir = makeTempDir('ledger-signing-key');
    dirs.push(dir);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { app, publicKeyPem } = await start({
      EVENT_STORE_URL: `sqlite:${join(dir.path, 'ledger.sqlite')}`,
      LEDGER_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    await app.close();
    expect(publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => statSync(join(dir.path, 'ledger.signing-key.pem'))).toThrow();
  });

  it('refuses to start with a signing key that is not Ed25519, or none on EventStoreDB, naming LEDGER_SIGNING_KEY', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(start({ EVENT_STORE_URL: 'sqlite::memory:', LEDGER_SIGNING_KEY: rsa })).rejects.toThrow(ConfigError);
    await expect(start({ EVENT_STORE_URL: 'sqlite::memory:', LEDGER_SIGNING_KEY: rsa })).rejects.toThrow(/LEDGER_SIGNING_KEY must be an Ed25519 private key \(got rsa\)/);
    await expect(
      start({ EVENT_STORE_URL: 'esdb://127.0.0.1:1?tls=false', LEDGER_API_KEYS: JSON.stringify([{ key: 'r'.repeat(20), role: 'regulator' }]) }),
    ).rejects.toThrow(/LEDGER_SIGNING_KEY must be set when EVENT_STORE_URL names an EventStoreDB/);
  });
});
