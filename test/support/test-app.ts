import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import request from 'supertest';
import { AppModule, type AppOptions } from '../../src/app.module.js';
import type { Role } from '../../src/common/terms.js';
import type { ApiKeyConfig, AuthFailureLimit, LedgerConfig } from '../../src/config/ledger-config.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { configureApp } from '../../src/http/configure-app.js';
import { JsonLogger, type LogLevel } from '../../src/logging/json.logger.js';
import type { Clock } from '../../src/common/clock.js';
import { selectedEsdbDouble } from './esdb-double/e2e-selection.js';
import { startEsdbDouble, type EsdbDouble } from './esdb-double/esdb-double.js';

/** The company of the default service key: the company of the Lingang pack (docs/domain.md §5). */
export const TEST_COMPANY = 'tesla-shanghai';

export interface TestAppOptions {
  /**
   * Defaults to `sqlite::memory:`, or, in the jest projects that select the EventStoreDB double
   * (e2e-selection.ts), to a fresh double of its own, stopped by `close()`.
   */
  readonly storeUrl?: string;
  /** Defaults to `none`: an empty ledger. */
  readonly seed?: 'none' | 'lingang';
  readonly clock?: Clock;
  /** Defaults to one key per role (the service key acting for {@link TEST_COMPANY}). */
  readonly apiKeys?: ApiKeyConfig[];
  /** Log lines at this level and above are kept in `logs` (default `info`); printed too when set explicitly. */
  readonly logLevel?: LogLevel;
  /** Companies other than {@link TEST_COMPANY} that need a service key (`other-company` always has one). */
  readonly serviceCompanies?: string[];
  /** Extra modules for the app (e.g. a probe controller in a test). */
  readonly imports?: AppOptions['imports'];
  /** Failed authentications per client address (default: the production default, docs/api.md §3). */
  readonly authFailures?: AuthFailureLimit;
  /**
   * The signing key and sealing intervals (docs/api.md §2). By default: a fresh key on
   * EventStoreDB (which needs one configured), the embedded ledger's own otherwise, and the
   * default intervals.
   */
  readonly sealing?: Pick<LedgerConfig, 'signingKey' | 'sealEveryEvents' | 'sealEverySeconds'>;
  /** The projection snapshot's file and intervals (docs/api.md §2); by default `<db>.snapshot` beside a SQLite file, none otherwise. */
  readonly snapshot?: Pick<LedgerConfig, 'snapshotPath' | 'snapshotEveryEvents' | 'snapshotEverySeconds'>;
}

export interface TestApp {
  readonly app: INestApplication;
  /** A supertest agent on the app's server: `await http.get('/health')`. */
  readonly http: ReturnType<typeof request>;
  /** One key per role; `service` acts for {@link TEST_COMPANY} (with custom `apiKeys`: the first of each role, '' if none). */
  readonly keys: { readonly regulator: string; readonly auditor: string; readonly service: string; readonly admin: string };
  /** `Authorization` header value for a key: `.set(auth(keys.auditor))`. */
  readonly auth: (key: string) => { Authorization: string };
  /**
   * A service key acting for another company. Keys are fixed when the app starts, so these are
   * made up front: every company listed in `serviceCompanies` has one (`other-company` always).
   */
  serviceKeyFor(companyId: string): string;
  /** The event store the app runs on (to assert what was appended, or to close it). */
  readonly store: EventStore;
  /** The JSON log lines the app wrote (request log, errors). */
  readonly logs: string[];
  close(): Promise<void>;
}

const newKey = (): string => randomBytes(24).toString('base64url');
/** A fresh Ed25519 private key, PKCS#8 PEM, as `LEDGER_SIGNING_KEY` gives one. */
export const newSigningKey = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * The real AppModule, as `main` builds it, on an in-memory SQLite store by default, ready for
 * supertest. Always `await close()` (in `afterAll`/`afterEach`).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const companies = new Set([TEST_COMPANY, 'other-company', ...(options.serviceCompanies ?? [])]);
  const apiKeys: ApiKeyConfig[] = options.apiKeys ?? [
    { key: newKey(), role: 'regulator' },
    { key: newKey(), role: 'auditor' },
    ...[...companies].map((companyId): ApiKeyConfig => ({ key: newKey(), role: 'service', companyId })),
    { key: newKey(), role: 'admin' },
  ];
  const features = options.storeUrl === undefined ? selectedEsdbDouble() : undefined;
  const double = features ? await startEsdbDouble({ features }) : undefined;
  try {
    return await startTestApp(options, apiKeys, options.storeUrl ?? double?.url ?? 'sqlite::memory:', double);
  } catch (error) {
    await double?.close();
    throw error;
  }
}

async function startTestApp(options: TestAppOptions, apiKeys: ApiKeyConfig[], eventStoreUrl: string, double: EsdbDouble | undefined): Promise<TestApp> {
  const config: LedgerConfig = {
    port: 0,
    eventStoreUrl,
    apiKeys,
    seed: options.seed ?? 'none',
    logLevel: options.logLevel ?? 'info',
    ...(options.authFailures ? { authFailures: options.authFailures } : {}),
    ...(eventStoreUrl.startsWith('esdb') ? { signingKey: newSigningKey() } : {}),
    ...options.sealing,
    ...options.snapshot,
  };
  const logs: string[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => {
    logs.push(line);
    if (options.logLevel) process.stdout.write(`${line}\n`);
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { clock: options.clock, logger, imports: options.imports }), {
    logger,
    abortOnError: false,
  });
  configureApp(app);
  await app.init();

  // Each role's key (the service key of TEST_COMPANY when there is one); '' when none was given.
  const keyOf = (role: Role): string => {
    const candidates = apiKeys.filter((k) => k.role === role);
    return (candidates.find((k) => k.companyId === undefined || k.companyId === TEST_COMPANY) ?? candidates[0])?.key ?? '';
  };
  return {
    app,
    http: request(app.getHttpServer()),
    keys: { regulator: keyOf('regulator'), auditor: keyOf('auditor'), service: keyOf('service'), admin: keyOf('admin') },
    auth: (key) => ({ Authorization: `Bearer ${key}` }),
    serviceKeyFor(companyId) {
      const key = apiKeys.find((k) => k.role === 'service' && k.companyId === companyId)?.key;
      if (!key) throw new Error(`no service key for ${companyId}: pass it in createTestApp({serviceCompanies: ['${companyId}']})`);
      return key;
    },
    store: app.get<EventStore>(EVENT_STORE),
    logs,
    close: async () => {
      try {
        await app.close();
      } finally {
        await double?.close();
      }
    },
  };
}
