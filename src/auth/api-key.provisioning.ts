import { readFileSync, statSync } from 'node:fs';
import { parseApiKeys } from '../config/api-keys.parser.js';
import { ConfigError } from '../config/config.error.js';
import { createOwnerOnlyFile, fileBesideDatabase } from '../config/beside-database.js';
import type { ApiKeyConfig } from '../config/ledger-config.js';
import { newApiKey } from './api-key.secret.js';

/** The company of the shipped Lingang pack (docs/domain.md §5): the generated service key acts for it. */
export const GENERATED_SERVICE_COMPANY = 'tesla-shanghai';

/** Where the keys come from, for the start-up log. */
export type KeySource = 'configured' | 'generated' | 'key-file';

export interface ProvisionedKeys {
  readonly keys: readonly ApiKeyConfig[];
  readonly source: KeySource;
  /** The key file, when the keys live in one. */
  readonly file?: string;
  /** Set when the key file is readable or writable by others than its owner (someone loosened it). */
  readonly exposed?: boolean;
}

/** Whether the keys include one that manages the others (a key file written before admin keys existed has none). */
export const hasAdminKey = (keys: readonly ApiKeyConfig[]): boolean => keys.some((k) => k.role === 'admin');

/**
 * The key file beside an embedded SQLite database: `sqlite:data/ledger.sqlite` →
 * `data/ledger.keys.json`. Undefined for an in-memory or EventStoreDB store.
 */
export function keyFileFor(eventStoreUrl: string): string | undefined {
  return fileBesideDatabase(eventStoreUrl, '.keys.json');
}

const generateKeys = (): ApiKeyConfig[] => [
  { key: newApiKey(), role: 'regulator' },
  { key: newApiKey(), role: 'auditor' },
  { key: newApiKey(), role: 'service', companyId: GENERATED_SERVICE_COMPANY },
  // Issues and revokes the others at run time (docs/api.md §12).
  { key: newApiKey(), role: 'admin' },
];

const announce = (keys: readonly ApiKeyConfig[], where: string): string =>
  [
    `Generated one API key per role (${where}; printed only this once):`,
    ...keys.map((k) => `  ${k.role.padEnd(9)} ${k.key}${k.companyId ? `  (acts for company ${k.companyId})` : ''}`),
    'Send one as: Authorization: Bearer <key>',
    '',
  ].join('\n');

/**
 * The keys the ledger accepts from its configuration (docs/api.md: `LEDGER_API_KEYS`): the
 * configured ones when set; otherwise, for a SQLite file, the key file beside the database
 * (created on first start with one key per role, admin included, printed once through
 * `print`); for `sqlite::memory:`, fresh keys printed every start (there is nothing to store them
 * beside). EventStoreDB needs configured keys. Keys issued over the API live in the log instead
 * (src/access/).
 */
export function provisionApiKeys(
  eventStoreUrl: string,
  configured: readonly ApiKeyConfig[] | undefined,
  print: (text: string) => void,
): ProvisionedKeys {
  if (configured) return { keys: configured, source: 'configured' };
  if (eventStoreUrl === 'sqlite::memory:') {
    const keys = generateKeys();
    print(announce(keys, 'in-memory store: they last as long as the process'));
    return { keys, source: 'generated' };
  }
  const file = keyFileFor(eventStoreUrl);
  if (!file) {
    throw new ConfigError(['LEDGER_API_KEYS must be set when EVENT_STORE_URL is not an embedded SQLite store (there is nowhere to keep generated keys)']);
  }
  const created = createKeyFile(file);
  if (created) {
    print(announce(created, `stored in ${file}, readable by this user only`));
    return { keys: created, source: 'generated', file };
  }
  const exposed = (statSync(file).mode & 0o077) !== 0;
  return { keys: readKeyFile(file), source: 'key-file', file, ...(exposed ? { exposed } : {}) };
}

/**
 * Writes fresh keys to `file` unless it exists (owner-only, atomically: createOwnerOnlyFile);
 * answers them, or undefined when the file was already there, so that two instances starting at
 * once agree on one set of keys.
 */
function createKeyFile(file: string): ApiKeyConfig[] | undefined {
  const keys = generateKeys();
  return createOwnerOnlyFile(file, `${JSON.stringify(keys, null, 2)}\n`) ? keys : undefined;
}

function readKeyFile(file: string): ApiKeyConfig[] {
  const { keys, problems } = parseApiKeys(readFileSync(file, 'utf8'), `the key file ${file}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return keys;
}
