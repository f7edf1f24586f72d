import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Pure domain code (deciders, evolve functions, the legality evaluator) must not depend on the
// framework, the store or validation: that is what keeps replay exact (docs/design.md).
const forbiddenInDomain = {
  patterns: [
    { group: ['@nestjs/*'], message: 'domain/ must stay free of NestJS.' },
    { group: ['class-validator', 'class-transformer'], message: 'validation belongs at the edge, not in domain/.' },
    { group: ['better-sqlite3', '@eventstore/*', '@grpc/*'], message: 'domain/ must not touch a store.' },
    { group: ['**/event-store/**', '**/event-store/*'], message: 'domain/ must not import the event store.' },
    { group: ['node:fs', 'fs', 'node:http', 'http', 'node:net', 'net'], message: 'domain/ does no I/O.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The console's pages run in the browser (src/console/public/: plain ES modules, no build step).
    files: ['src/console/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'sessionStorage', 'localStorage', 'fetch', 'Node', 'HashChangeEvent', 'CustomEvent', 'URLSearchParams', 'URL', 'Intl',
          'crypto', 'atob', 'TextEncoder', 'setTimeout'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['src/**/domain/**/*.ts', 'src/common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenInDomain] },
  },
);
