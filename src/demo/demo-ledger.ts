import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { configureApp } from '../http/configure-app.js';
import { JsonLogger } from '../logging/json.logger.js';
import { FixedClock } from '../common/clock.js';
import { LedgerClient } from './ledger-client.js';

/** The keys the demo's actors use: a regulator, an auditor and Tesla's service. */
export interface DemoKeys {
  readonly regulator: string;
  readonly auditor: string;
  readonly service: string;
}

/** A fresh embedded ledger for the story: its own temp-dir SQLite file, the real app on an ephemeral port. */
export interface DemoLedger {
  readonly client: LedgerClient;
  readonly keys: DemoKeys;
  /** The ledger's clock (valid-time "today" for the scheduler); the story moves it. */
  readonly clock: FixedClock;
  /** The store under the app, to show the log as it is. */
  readonly store: EventStore;
  readonly app: NestExpressApplication;
  readonly databaseFile: string;
  close(): Promise<void>;
}

const newKey = (): string => randomBytes(24).toString('base64url');

/** Starts the ledger with the Lingang pack, keys held in memory, and only error logs (to stderr). */
export async function startDemoLedger(company: string, startsAt: Date): Promise<DemoLedger> {
  const directory = await mkdtemp(join(tmpdir(), 'lingang-demo-'));
  const databaseFile = join(directory, 'ledger.sqlite');
  const keys: DemoKeys = { regulator: newKey(), auditor: newKey(), service: newKey() };
  const config: LedgerConfig = {
    port: 0,
    eventStoreUrl: `sqlite:${databaseFile}`,
    apiKeys: [
      { key: keys.regulator, role: 'regulator' },
      { key: keys.auditor, role: 'auditor' },
      { key: keys.service, role: 'service', companyId: company },
    ],
    seed: 'lingang',
    logLevel: 'error',
  };
  const logger = new JsonLogger('error', (line) => process.stderr.write(`${line}\n`));
  const clock = new FixedClock(startsAt);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { clock, logger }), { logger, abortOnError: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const client = new LedgerClient(await app.getUrl());
  return {
    client,
    keys,
    clock,
    store: app.get<EventStore>(EVENT_STORE),
    app,
    databaseFile,
    close: async () => {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
