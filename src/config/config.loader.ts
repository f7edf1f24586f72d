import { parseApiKeys } from './api-keys.parser.js';
import { ConfigError } from './config.error.js';
import { LOG_LEVELS, type LogLevel } from '../logging/json.logger.js';
import {
  DEFAULT_AUTH_FAILURES,
  DEFAULT_CONFIG,
  DEFAULT_SEAL_EVERY_EVENTS,
  DEFAULT_SEAL_EVERY_SECONDS,
  DEFAULT_SNAPSHOT_EVERY_EVENTS,
  DEFAULT_SNAPSHOT_EVERY_SECONDS,
  SEED_NAMES,
  type LedgerConfig,
  type SeedName,
} from './ledger-config.js';
import { readSigningKey } from './signing-key.parser.js';

/** The environment variables the ledger reads (docs/api.md: Configuration). */
export type LedgerEnv = Readonly<Record<string, string | undefined>>;

const STORE_URL_FORMS = 'sqlite:<path>, sqlite::memory:, esdb://host:port?tls=false or esdb+discover://…';

/**
 * Validates the environment once, at start-up, into a {@link LedgerConfig}. Throws a
 * {@link ConfigError} naming every bad variable (and entry, for `LEDGER_API_KEYS`). An empty
 * variable counts as unset.
 */
export function loadConfig(env: LedgerEnv): LedgerConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const text = env[name]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!/^\d+$/.test(text) || parsed < min || parsed > max) problems.push(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`);
    return parsed;
  };
  const port = integer('PORT', DEFAULT_CONFIG.port, 0, 65535);

  const eventStoreUrl = value('EVENT_STORE_URL') ?? DEFAULT_CONFIG.eventStoreUrl;
  if (!/^(sqlite:.+|esdb(\+discover)?:\/\/.+)$/.test(eventStoreUrl)) {
    // Not echoed: a connection string may carry credentials.
    problems.push(`EVENT_STORE_URL must be one of ${STORE_URL_FORMS}`);
  }

  const seed = (value('LEDGER_SEED') ?? DEFAULT_CONFIG.seed) as SeedName;
  if (!SEED_NAMES.includes(seed)) problems.push(`LEDGER_SEED must be one of ${SEED_NAMES.join(', ')} (got ${JSON.stringify(seed)})`);

  const logLevel = (value('LOG_LEVEL') ?? DEFAULT_CONFIG.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(logLevel)})`);

  const authFailures = {
    limit: integer('LEDGER_AUTH_FAILURE_LIMIT', DEFAULT_AUTH_FAILURES.limit, 1, 1_000_000),
    windowSeconds: integer('LEDGER_AUTH_FAILURE_WINDOW_SECONDS', DEFAULT_AUTH_FAILURES.windowSeconds, 1, 86_400),
  };

  const keysText = value('LEDGER_API_KEYS');
  const apiKeys = keysText === undefined ? undefined : parseApiKeys(keysText, 'LEDGER_API_KEYS');
  if (apiKeys) problems.push(...apiKeys.problems);
  else if (eventStoreUrl.startsWith('esdb')) {
    // Generated keys are kept beside an embedded database; EventStoreDB has no such place.
    problems.push('LEDGER_API_KEYS must be set when EVENT_STORE_URL names an EventStoreDB (keys are generated only for the embedded SQLite store)');
  }

  const signingKeyText = value('LEDGER_SIGNING_KEY');
  const signingKey = signingKeyText === undefined ? undefined : readSigningKey(signingKeyText);
  if (signingKey?.problem) problems.push(signingKey.problem);
  else if (signingKey === undefined && eventStoreUrl.startsWith('esdb')) {
    // Every instance of a cluster must sign with the same key, and EventStoreDB has nowhere to keep a generated one.
    problems.push('LEDGER_SIGNING_KEY must be set when EVENT_STORE_URL names an EventStoreDB (the instances sharing the log must sign checkpoints with one key)');
  }

  const count = (name: string, fallback: number, unit: string): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(parsed)) problems.push(`${name} must be a whole number of ${unit}, 0 to turn it off (got ${JSON.stringify(text)})`);
    return parsed;
  };
  const sealEveryEvents = count('LEDGER_SEAL_EVERY_EVENTS', DEFAULT_SEAL_EVERY_EVENTS, 'events');
  const sealEverySeconds = count('LEDGER_SEAL_EVERY_SECONDS', DEFAULT_SEAL_EVERY_SECONDS, 'seconds');
  const snapshotPath = value('LEDGER_SNAPSHOT_PATH');
  const snapshotEveryEvents = count('LEDGER_SNAPSHOT_EVERY_EVENTS', DEFAULT_SNAPSHOT_EVERY_EVENTS, 'events');
  const snapshotEverySeconds = count('LEDGER_SNAPSHOT_EVERY_SECONDS', DEFAULT_SNAPSHOT_EVERY_SECONDS, 'seconds');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    eventStoreUrl,
    seed,
    logLevel,
    authFailures,
    ...(apiKeys ? { apiKeys: apiKeys.keys } : {}),
    ...(signingKey?.pem ? { signingKey: signingKey.pem } : {}),
    sealEveryEvents,
    sealEverySeconds,
    ...(snapshotPath ? { snapshotPath } : {}),
    snapshotEveryEvents,
    snapshotEverySeconds,
  };
}
