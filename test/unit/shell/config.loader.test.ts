import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileFor } from '../../../src/auth/api-key.provisioning.js';
import { ConfigError } from '../../../src/config/config.error.js';
import { loadConfig } from '../../../src/config/config.loader.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const regulator = { key: 'r'.repeat(20), role: 'regulator' };
const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('loadConfig', () => {
  it('applies docs/api.md defaults to an empty environment; keys stay unset (to be generated)', () => {
    expect(loadConfig({})).toEqual({ port: 3000, eventStoreUrl: 'sqlite:data/ledger.sqlite', seed: 'lingang', logLevel: 'info', authFailures: { limit: 100, windowSeconds: 60 }, sealEveryEvents: 1000, sealEverySeconds: 600, snapshotEveryEvents: 100_000, snapshotEverySeconds: 300 });
  });

  it('reads every variable; empty ones count as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      EVENT_STORE_URL: 'esdb://localhost:2113?tls=false',
      LEDGER_API_KEYS: JSON.stringify([regulator, { key: 's'.repeat(20), role: 'service', companyId: 'acme' }]),
      LEDGER_SEED: 'none',
      LOG_LEVEL: '',
      LEDGER_AUTH_FAILURE_LIMIT: '5',
      LEDGER_AUTH_FAILURE_WINDOW_SECONDS: '300',
      LEDGER_SIGNING_KEY: signingKeyPem,
      LEDGER_SEAL_EVERY_EVENTS: '50',
      LEDGER_SEAL_EVERY_SECONDS: '0',
    });
    expect(config).toEqual({
      port: 8080,
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      apiKeys: [regulator, { key: 's'.repeat(20), role: 'service', companyId: 'acme' }],
      seed: 'none',
      logLevel: 'info',
      authFailures: { limit: 5, windowSeconds: 300 },
      signingKey: signingKeyPem,
      sealEveryEvents: 50,
      sealEverySeconds: 0,
      snapshotEveryEvents: 100_000,
      snapshotEverySeconds: 300,
    });
  });

  it('names every bad variable at once', () => {
    expect(
      problemsOf({
        PORT: '80a',
        EVENT_STORE_URL: 'postgres://user:pw@db/x',
        LEDGER_SEED: 'all',
        LOG_LEVEL: 'loud',
        LEDGER_AUTH_FAILURE_LIMIT: '0',
        LEDGER_AUTH_FAILURE_WINDOW_SECONDS: '1.5',
      }),
    ).toEqual([
      'PORT must be an integer from 0 to 65535 (got "80a")',
      'EVENT_STORE_URL must be one of sqlite:<path>, sqlite::memory:, esdb://host:port?tls=false or esdb+discover://…',
      'LEDGER_SEED must be one of lingang, none (got "all")',
      'LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud")',
      'LEDGER_AUTH_FAILURE_LIMIT must be an integer from 1 to 1000000 (got "0")',
      'LEDGER_AUTH_FAILURE_WINDOW_SECONDS must be an integer from 1 to 86400 (got "1.5")',
    ]);
  });

  it('requires LEDGER_API_KEYS and LEDGER_SIGNING_KEY with EventStoreDB, where there is no file to keep generated keys beside', () => {
    expect(problemsOf({ EVENT_STORE_URL: 'esdb+discover://n1:2113' })).toEqual([
      'LEDGER_API_KEYS must be set when EVENT_STORE_URL names an EventStoreDB (keys are generated only for the embedded SQLite store)',
      'LEDGER_SIGNING_KEY must be set when EVENT_STORE_URL names an EventStoreDB (the instances sharing the log must sign checkpoints with one key)',
    ]);
  });

  describe('LEDGER_SIGNING_KEY', () => {
    it('takes the PEM itself, with newlines written as \\n, or the path of a PEM file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
      try {
        const file = join(dir, 'ledger.pem');
        writeFileSync(file, signingKeyPem);
        for (const given of [signingKeyPem, signingKeyPem.replace(/\n/g, '\\n'), file]) expect(loadConfig({ LEDGER_SIGNING_KEY: given }).signingKey).toBe(signingKeyPem);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses what is not an Ed25519 private key, saying why and never quoting it', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const publicOnly = createPublicKey(signingKeyPem).export({ type: 'spki', format: 'pem' }).toString();
      expect(problemsOf({ LEDGER_SIGNING_KEY: rsa })).toEqual([
        'LEDGER_SIGNING_KEY must be an Ed25519 private key (got rsa): give an Ed25519 private key in PKCS#8 PEM, e.g. from `openssl genpkey -algorithm ed25519`',
      ]);
      expect(problemsOf({ LEDGER_SIGNING_KEY: publicOnly })[0]).toMatch(/^LEDGER_SIGNING_KEY is not a PEM private key: give an Ed25519 private key/);
      expect(problemsOf({ LEDGER_SIGNING_KEY: '/nowhere/ledger.pem' })).toEqual(['LEDGER_SIGNING_KEY is neither a PEM key nor the path of a readable file (ENOENT)']);
      expect(problemsOf({ LEDGER_SIGNING_KEY: rsa }).join()).not.toContain(rsa.slice(40, 80));
    });
  });

  it('reads the snapshot path and intervals (docs/api.md §2)', () => {
    expect(loadConfig({ LEDGER_SNAPSHOT_PATH: '/var/lib/ledger/projections.snapshot', LEDGER_SNAPSHOT_EVERY_EVENTS: '0', LEDGER_SNAPSHOT_EVERY_SECONDS: '60' })).toMatchObject({
      snapshotPath: '/var/lib/ledger/projections.snapshot',
      snapshotEveryEvents: 0,
      snapshotEverySeconds: 60,
    });
    expect(problemsOf({ LEDGER_SNAPSHOT_EVERY_EVENTS: 'often' })).toEqual(['LEDGER_SNAPSHOT_EVERY_EVENTS must be a whole number of events, 0 to turn it off (got "often")']);
  });

  it('reads the sealing intervals as whole numbers, 0 turning a trigger off', () => {
    expect(loadConfig({ LEDGER_SEAL_EVERY_EVENTS: '0', LEDGER_SEAL_EVERY_SECONDS: '30' })).toMatchObject({ sealEveryEvents: 0, sealEverySeconds: 30 });
    expect(problemsOf({ LEDGER_SEAL_EVERY_EVENTS: '-5', LEDGER_SEAL_EVERY_SECONDS: '1.5' })).toEqual([
      'LEDGER_SEAL_EVERY_EVENTS must be a whole number of events, 0 to turn it off (got "-5")',
      'LEDGER_SEAL_EVERY_SECONDS must be a whole number of seconds, 0 to turn it off (got "1.5")',
    ]);
  });

  it('never echoes a store URL, which may hold credentials', () => {
    expect(problemsOf({ EVENT_STORE_URL: 'postgres://user:s3cret@db/x' }).join()).not.toContain('s3cret');
  });

  describe('LEDGER_API_KEYS', () => {
    it('takes admin keys, which act for no company', () => {
      const admin = { key: 'a'.repeat(20), role: 'admin' };
      expect(loadConfig({ LEDGER_API_KEYS: JSON.stringify([admin]) }).apiKeys).toEqual([admin]);
      expect(problemsOf({ LEDGER_API_KEYS: JSON.stringify([{ ...admin, companyId: 'acme' }]) })).toEqual([
        "LEDGER_API_KEYS[0]: companyId is only for service keys (this key's role is admin)",
      ]);
    });

    it('rejects text that is not JSON, or not an array, or empty', () => {
      expect(problemsOf({ LEDGER_API_KEYS: '[{key:' })[0]).toMatch(/^LEDGER_API_KEYS is not valid JSON/);
      expect(problemsOf({ LEDGER_API_KEYS: JSON.stringify(regulator) })).toEqual(['LEDGER_API_KEYS must be a JSON array of {key, role, companyId?}']);
      expect(problemsOf({ LEDGER_API_KEYS: '[]' })).toEqual(['LEDGER_API_KEYS is empty: give at least one key, or unset it to generate keys']);
    });

    it('names each bad entry by index and never quotes the key', () => {
      const problems = problemsOf({
        LEDGER_API_KEYS: JSON.stringify([
          regulator,
          { key: 'short-secret', role: 'auditor' },
          { key: 'x'.repeat(20), role: 'owner' },
          { key: 'y'.repeat(20), role: 'service' },
          { key: 'z'.repeat(20), role: 'auditor', companyId: 'acme' },
          { key: 'w'.repeat(20), role: 'auditor', scope: 'all' },
          regulator,
          'not an object',
        ]),
      });
      expect(problems).toEqual([
        'LEDGER_API_KEYS[1]: key must be at least 16 characters long',
        'LEDGER_API_KEYS[2]: role must be one of regulator, auditor, service, admin (got "owner")',
        'LEDGER_API_KEYS[3]: companyId is required for a service key (the company it acts for)',
        "LEDGER_API_KEYS[4]: companyId is only for service keys (this key's role is auditor)",
        'LEDGER_API_KEYS[5]: unknown field scope (allowed: key, role, companyId)',
        'LEDGER_API_KEYS[6]: key repeats the key of entry 0',
        'LEDGER_API_KEYS[7]: must be an object {key, role, companyId?}',
      ]);
      expect(problems.join()).not.toContain('short-secret');
    });
  });
});

describe('keyFileFor', () => {
  it('puts the key file beside the SQLite database, ignoring its options', () => {
    expect(keyFileFor('sqlite:data/ledger.sqlite')).toBe('data/ledger.keys.json');
    expect(keyFileFor('sqlite:/var/lib/ledger/main.db?synchronous=full')).toBe('/var/lib/ledger/main.keys.json');
    expect(keyFileFor('sqlite::memory:')).toBeUndefined();
    expect(keyFileFor('esdb://localhost:2113?tls=false')).toBeUndefined();
  });
});
