import type { LogLevel } from '../logging/json.logger.js';
import type { Role } from '../common/terms.js';

/** One API key the ledger accepts (docs/api.md: `LEDGER_API_KEYS`). */
export interface ApiKeyConfig {
  readonly key: string;
  readonly role: Role;
  /** Required for `service` keys: the only company the key may act for. */
  readonly companyId?: string;
}

/** Which policy pack to load into an empty ledger at start-up (docs/api.md: `LEDGER_SEED`). */
export type SeedName = 'lingang' | 'none';
/** The accepted values of `LEDGER_SEED`. */
export const SEED_NAMES: readonly SeedName[] = ['lingang', 'none'];


/** The ledger's configuration, validated once at start-up and provided under {@link LEDGER_CONFIG}. */
export interface LedgerConfig {
  readonly port: number;
  /** `sqlite:<path>`, `sqlite::memory:`, or an EventStoreDB connection string. */
  readonly eventStoreUrl: string;
  /**
   * The accepted keys. Undefined when `LEDGER_API_KEYS` is not set: the embedded ledger then
   * generates one key per role (src/auth/api-key.provisioning.ts).
   */
  readonly apiKeys?: readonly ApiKeyConfig[];
  readonly seed: SeedName;
  readonly logLevel: LogLevel;
  /** How many failed authentications a client address may make; default {@link DEFAULT_AUTH_FAILURES}. */
  readonly authFailures?: AuthFailureLimit;
  /**
   * The Ed25519 private key checkpoints are signed with, as PKCS#8 PEM (`LEDGER_SIGNING_KEY`).
   * Undefined: the embedded ledger keeps a generated one beside its database
   * (src/audit/seal/signing-key.provisioning.ts); EventStoreDB needs it set.
   */
  readonly signingKey?: string;
  /** Seal the log (a `CheckpointSealed` event) at every multiple of this many events; 0: never by count. Default {@link DEFAULT_SEAL_EVERY_EVENTS}. */
  readonly sealEveryEvents?: number;
  /** Seal the head this many seconds after the last seal when events came since; 0: never by time. Default {@link DEFAULT_SEAL_EVERY_SECONDS}. */
  readonly sealEverySeconds?: number;
  /**
   * Where the projection snapshot is kept (`LEDGER_SNAPSHOT_PATH`; docs/design.md "Snapshots").
   * Undefined: `<db>.snapshot` beside an embedded database file, none for `sqlite::memory:` and
   * EventStoreDB; `off` never reads nor writes one.
   */
  readonly snapshotPath?: string;
  /** Save a snapshot once this many events were applied since the last; 0: never by count. Default {@link DEFAULT_SNAPSHOT_EVERY_EVENTS}. */
  readonly snapshotEveryEvents?: number;
  /** Save a snapshot this many seconds after the last when events came since; 0: never by time. Default {@link DEFAULT_SNAPSHOT_EVERY_SECONDS}. */
  readonly snapshotEverySeconds?: number;
}

/**
 * Failed authentications per client address (docs/api.md §3): `limit` in any `windowSeconds`;
 * the next one blocks the address for `windowSeconds` (`LEDGER_AUTH_FAILURE_LIMIT`,
 * `LEDGER_AUTH_FAILURE_WINDOW_SECONDS`).
 */
export interface AuthFailureLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Keys are 256-bit random strings (or at least 16 characters), so the limit is not what keeps
 * them from being guessed: it stops floods of wrong keys (one address, hundreds a second) while
 * a test suite or a client with a stale key stays well inside it.
 */
export const DEFAULT_AUTH_FAILURES: AuthFailureLimit = { limit: 100, windowSeconds: 60 };

/** docs/api.md §2: `LEDGER_SEAL_EVERY_EVENTS`. */
export const DEFAULT_SEAL_EVERY_EVENTS = 1000;
/** docs/api.md §2: `LEDGER_SEAL_EVERY_SECONDS` (10 minutes). */
export const DEFAULT_SEAL_EVERY_SECONDS = 600;

/** docs/api.md §2: `LEDGER_SNAPSHOT_EVERY_EVENTS`. */
export const DEFAULT_SNAPSHOT_EVERY_EVENTS = 100_000;
/** docs/api.md §2: `LEDGER_SNAPSHOT_EVERY_SECONDS` (5 minutes). */
export const DEFAULT_SNAPSHOT_EVERY_SECONDS = 300;

/** DI token of the {@link LedgerConfig}. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** docs/api.md's defaults for unset variables. */
export const DEFAULT_CONFIG: Omit<LedgerConfig, 'apiKeys' | 'authFailures'> = {
  port: 3000,
  eventStoreUrl: 'sqlite:data/ledger.sqlite',
  seed: 'lingang',
  logLevel: 'info',
  sealEveryEvents: DEFAULT_SEAL_EVERY_EVENTS,
  sealEverySeconds: DEFAULT_SEAL_EVERY_SECONDS,
  snapshotEveryEvents: DEFAULT_SNAPSHOT_EVERY_EVENTS,
  snapshotEverySeconds: DEFAULT_SNAPSHOT_EVERY_SECONDS,
};
