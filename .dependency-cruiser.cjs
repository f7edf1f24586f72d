/**
 * The import rules of the house (docs/design.md "Modules and ownership"), checked by
 * `npm run lint` (scripts/check-dependencies.mjs, which also refuses cycles between the top-level
 * folders of src/). Type-only imports count too: a type import is still a dependency.
 */
const HTTP_EDGE = '(^src/http/|/http/|[.](controller|dto|route)[.]ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ (deciders, events, the evaluator) imports only other domain/ folders and src/common/: no framework, store, ' +
        'validation or application code, so that replay is exact.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { pathNot: '^src/([^/]+/domain|common)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-does-no-io',
      comment: 'domain/ reads no files, network or clock of its own.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'use-cases-know-no-http',
      comment: 'Commands, queries and their handlers are what the HTTP edge, the CLI and the schedulers send: they import nothing of the edge.',
      severity: 'error',
      from: { path: '[.](command|query|handler)[.]ts$' },
      to: { path: HTTP_EDGE },
    },
    {
      name: 'no-module-cycles',
      comment: 'No file imports a file that imports it back.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No folder imports from a folder that imports it back (directly or through others).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
