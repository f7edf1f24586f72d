// Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only), so the
// test script starts Node with --experimental-vm-modules and ts-jest emits ESM.
const typescriptEsm = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // CommonJS requiring ESM-only NestJS 12, which jest cannot do on Node 20 (see the file).
    '^@nestjs/throttler$': '<rootDir>/test/support/nestjs-throttler.cjs-loader.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
};

/**
 * The application's e2e suites again, each app on a fresh in-process EventStoreDB double
 * (test/support/esdb-double/) instead of SQLite: the whole ledger over gRPC, not only the port.
 * Not run twice, because they test the embedded store or the process around it, not the
 * ledger's behaviour on a store:
 * - shell.e2e, signing-key.e2e: the HTTP shell (probe routes), key files generated beside a SQLite
 *   file, start-up from the environment; /health on the double is covered by test/contract/esdb-ledger.test.ts.
 * - audit-tampering.e2e, audit-checkpoint-tampering.e2e: edit a SQLite file with raw SQL and
 *   run the CLI on it (their own storeUrl, so on the double they would only repeat the SQLite run).
 * - report-cli.e2e: runs the report CLI on a SQLite file (its own storeUrl, likewise).
 */
const onDoubleIgnored = [
  '/test/e2e/shell\\.e2e\\.test\\.ts$',
  '/test/e2e/audit-tampering\\.e2e\\.test\\.ts$',
  '/test/e2e/audit-checkpoint-tampering\\.e2e\\.test\\.ts$',
  '/test/e2e/signing-key\\.e2e\\.test\\.ts$',
  '/test/e2e/report-cli\\.e2e\\.test\\.ts$',
];

export default {
  projects: [
    // Every test on the embedded SQLite store, the console's browser tests (test/browser/: Debian's
    // Chromium driven by playwright-core) included.
    { ...typescriptEsm, displayName: 'sqlite', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    {
      ...typescriptEsm,
      displayName: 'e2e on EventStoreDB (gRPC double)',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...onDoubleIgnored],
      setupFiles: ['<rootDir>/test/support/esdb-double/e2e-batch-append.setup.ts'],
    },
    {
      // Servers before 21.10 have no BatchAppend: the client falls back to Append.
      ...typescriptEsm,
      displayName: 'e2e on EventStoreDB (gRPC double, Append)',
      testMatch: ['<rootDir>/test/e2e/transfers.e2e.test.ts', '<rootDir>/test/e2e/policy-data-lists.e2e.test.ts'],
      setupFiles: ['<rootDir>/test/support/esdb-double/e2e-append-only.setup.ts'],
    },
  ],
  maxWorkers: 2,
  testTimeout: 30000,
  // Each test file loads the app's module graph into its own ESM context, and a worker keeps
  // about 20 MB of each e2e file after its teardown, with no open handle or process listener
  // left (what holds the graphs was not pinned down; jest's vm-module loading is the suspect).
  // A worker ending the run with 1 GB took longer than jest's 500 ms grace to tear its heap down
  // and was force exited ("failed to exit gracefully"). Recycling a worker once its heap passes
  // this bound keeps every worker small.
  workerIdleMemoryLimit: '400MB',
};
