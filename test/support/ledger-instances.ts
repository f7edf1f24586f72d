import { randomBytes } from 'node:crypto';
import type { ApiKeyConfig, LedgerConfig } from '../../src/config/ledger-config.js';
import { selectedEsdbDouble } from './esdb-double/e2e-selection.js';
import { startEsdbDouble, type EsdbDouble } from './esdb-double/esdb-double.js';
import { createTestApp, newSigningKey, TEST_COMPANY, type TestApp, type TestAppOptions } from './test-app.js';

/** Several whole ledger apps on one EventStoreDB double, as an operator runs several instances on one server. */
export interface LedgerInstances {
  readonly double: EsdbDouble;
  readonly instances: readonly TestApp[];
  close(): Promise<void>;
}

export interface LedgerInstancesOptions {
  readonly seed?: TestAppOptions['seed'];
  readonly clock?: TestAppOptions['clock'];
  /** Sealing intervals (every instance signs with one key, as the README asks of EventStoreDB instances). */
  readonly sealing?: Pick<LedgerConfig, 'sealEveryEvents' | 'sealEverySeconds'>;
  /** Companies with a service key besides the test company. */
  readonly serviceCompanies?: readonly string[];
  /** A three-node double (the instances connect to the node list), and its followers' lag. */
  readonly cluster?: { readonly followerLagMs: number };
}

const newKey = (): string => randomBytes(24).toString('base64url');

/**
 * Starts `count` ledger apps (AppModule as `main` builds it, in this process: the ledger has no
 * process-wide singletons, each app owns its store client, projections and schedulers) on one
 * fresh double, each as its own instance would be configured: the same `LEDGER_API_KEYS`, the
 * same `LEDGER_SIGNING_KEY`. They start one after the other, so a seed runs once and the others
 * find it. The double runs in the mode the jest project selected, BatchAppend otherwise.
 */
export async function startLedgerInstances(count: number, options: LedgerInstancesOptions = {}): Promise<LedgerInstances> {
  const features = selectedEsdbDouble() ?? 'batch-append';
  const double = await startEsdbDouble(options.cluster ? { features, nodes: 3, followerLagMs: options.cluster.followerLagMs } : { features });
  const companies = [TEST_COMPANY, 'other-company', ...(options.serviceCompanies ?? [])];
  const apiKeys: ApiKeyConfig[] = [
    { key: newKey(), role: 'regulator' },
    { key: newKey(), role: 'auditor' },
    ...companies.map((companyId): ApiKeyConfig => ({ key: newKey(), role: 'service', companyId })),
    { key: newKey(), role: 'admin' },
  ];
  const sealing = { signingKey: newSigningKey(), ...options.sealing };
  const instances: TestApp[] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(instances.map((instance) => instance.close()));
    await double.close();
  };
  try {
    for (let i = 0; i < count; i++) {
      instances.push(await createTestApp({ storeUrl: double.url, apiKeys, sealing, seed: options.seed, clock: options.clock, serviceCompanies: [...companies] }));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { double, instances, close };
}
