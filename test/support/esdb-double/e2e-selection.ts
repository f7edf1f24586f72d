import type { EsdbDoubleOptions } from './esdb-double.js';

/**
 * Which store the e2e suites run on when they do not name one. The jest project
 * `e2e on EventStoreDB (gRPC double, …)` sets it from its setup file; unset, they run on
 * `sqlite::memory:`. An environment variable, so a single file can be run on the double by hand
 * too: `LEDGER_E2E_STORE=esdb-double:append-only npm test -- test/e2e/transfers`.
 */
const VARIABLE = 'LEDGER_E2E_STORE';
const PREFIX = 'esdb-double:';

/** The double's append mode each project runs in. */
export type DoubleFeatures = NonNullable<EsdbDoubleOptions['features']>;
const FEATURES: readonly DoubleFeatures[] = ['batch-append', 'append-only'];

/** Called by a project's setup file: apps built without a `storeUrl` get a fresh double in this mode. */
export function selectEsdbDouble(features: DoubleFeatures): void {
  process.env[VARIABLE] = `${PREFIX}${features}`;
}

/** The selected double's mode, or undefined when the e2e suites run on SQLite. */
export function selectedEsdbDouble(): DoubleFeatures | undefined {
  const value = process.env[VARIABLE];
  if (value === undefined || value === '') return undefined;
  const features = FEATURES.find((mode) => value === `${PREFIX}${mode}`);
  if (!features) throw new Error(`${VARIABLE} must be one of ${FEATURES.map((mode) => PREFIX + mode).join(', ')} or unset, not "${value}"`);
  return features;
}
