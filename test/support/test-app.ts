import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AppModule, type AppOptions } from '../../src/app.module.js';
import type { Role } from '../../src/auth/principal.js';
import type { ApiKeyConfig, LedgerConfig, LogLevel } from '../../src/config/ledger-config.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { configureApp } from '../../src/http/configure-app.js';
import { JsonLogger } from '../../src/http/json.logger.js';
import type { Clock } from '../../src/shared/clock.js';

/** The company of the default service key: the company of the Lingang pack (DOMAIN.md §5). */
export const TEST_COMPANY = 'tesla-shanghai';

export interface TestAppOptions {
  /** Defaults to `sqlite::memory:`. */
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
}

export interface TestApp {
  readonly app: INestApplication;
  /** A supertest agent on the app's server: `await http.get('/health')`. */
  readonly http: ReturnType<typeof request>;
  /** One key per role; `service` acts for {@link TEST_COMPANY}. */
  readonly keys: { readonly regulator: string; readonly auditor: string; readonly service: string };
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

/**
 * The real AppModule, as `main` builds it, on an in-memory SQLite store by default, ready for
 * supertest. Always `await close()` (in `afterAll`/`afterEach`).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const keys = { regulator: newKey(), auditor: newKey(), service: newKey() };
  const serviceKeys = new Map<string, string>([[TEST_COMPANY, keys.service]]);
  for (const companyId of ['other-company', ...(options.serviceCompanies ?? [])]) {
    if (!serviceKeys.has(companyId)) serviceKeys.set(companyId, newKey());
  }
  const apiKeys: ApiKeyConfig[] = options.apiKeys ?? [
    { key: keys.regulator, role: 'regulator' },
    { key: keys.auditor, role: 'auditor' },
    ...[...serviceKeys].map(([companyId, key]): ApiKeyConfig => ({ key, role: 'service', companyId })),
  ];
  const config: LedgerConfig = {
    port: 0,
    eventStoreUrl: options.storeUrl ?? 'sqlite::memory:',
    apiKeys,
    seed: options.seed ?? 'none',
    logLevel: options.logLevel ?? 'info',
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

  const firstKey = (role: Role): string => options.apiKeys?.find((k) => k.role === role)?.key ?? keys[role];
  return {
    app,
    http: request(app.getHttpServer()),
    keys: options.apiKeys ? { regulator: firstKey('regulator'), auditor: firstKey('auditor'), service: firstKey('service') } : keys,
    auth: (key) => ({ Authorization: `Bearer ${key}` }),
    serviceKeyFor(companyId) {
      const key = serviceKeys.get(companyId);
      if (!key || options.apiKeys) throw new Error(`no service key for ${companyId}: pass it in createTestApp({serviceCompanies: ['${companyId}']})`);
      return key;
    },
    store: app.get<EventStore>(EVENT_STORE),
    logs,
    close: () => app.close(),
  };
}
