import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createOwnerOnlyFile, fileBesideDatabase } from '../../config/beside-database.js';
import { ConfigError } from '../../config/config.error.js';
import { parseSigningKeyPem } from '../../config/signing-key.parser.js';

/** Where the signing key comes from, for the start-up log. */
export type SigningKeySource = 'configured' | 'generated' | 'key-file' | 'ephemeral';

export interface ProvisionedSigningKey {
  readonly privateKey: KeyObject;
  readonly source: SigningKeySource;
  /** The key file, when the key lives in one. */
  readonly file?: string;
  /** Set when the key file is readable or writable by others than its owner (someone loosened it). */
  readonly exposed?: boolean;
}

/** `sqlite:data/ledger.sqlite` → `data/ledger.signing-key.pem`; undefined for an in-memory or EventStoreDB store. */
export const signingKeyFileFor = (eventStoreUrl: string): string | undefined => fileBesideDatabase(eventStoreUrl, '.signing-key.pem');

const newKeyPem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function parsed(pem: string, source: string): KeyObject {
  const { key, problem } = parseSigningKeyPem(pem, source);
  if (!key) throw new ConfigError([problem!]);
  return key;
}

/**
 * The Ed25519 key checkpoints are signed with (docs/api.md §2 `LEDGER_SIGNING_KEY`): the
 * configured one when set; otherwise, for a SQLite file, the key file beside the database
 * (created on first start, owner-only and atomically, as the API keys are), so that restarts
 * keep signing with the same key; for `sqlite::memory:`, a fresh key every start (its checkpoints
 * are only good while the process lives). EventStoreDB needs the key configured: the instances
 * sharing the log must sign with one key.
 */
export function provisionSigningKey(eventStoreUrl: string, configured: string | undefined): ProvisionedSigningKey {
  if (configured !== undefined) return { privateKey: parsed(configured, 'LEDGER_SIGNING_KEY'), source: 'configured' };
  if (eventStoreUrl === 'sqlite::memory:') return { privateKey: createPrivateKey(newKeyPem()), source: 'ephemeral' };
  const file = signingKeyFileFor(eventStoreUrl);
  if (!file) throw new ConfigError(['LEDGER_SIGNING_KEY must be set when EVENT_STORE_URL is not an embedded SQLite store (there is nowhere to keep a generated key)']);
  const created = createOwnerOnlyFile(file, newKeyPem());
  const privateKey = parsed(readFileSync(file, 'utf8'), `the signing key file ${file}`);
  if (created) return { privateKey, source: 'generated', file };
  const exposed = (statSync(file).mode & 0o077) !== 0;
  return { privateKey, source: 'key-file', file, ...(exposed ? { exposed } : {}) };
}
