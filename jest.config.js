// Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only), so the
// test script starts Node with --experimental-vm-modules and ts-jest emits ESM.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  maxWorkers: 2,
  testTimeout: 30000,
};
