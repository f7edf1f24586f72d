import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { serveConsole } from '../console/serve-console.js';
import { ErrorBody } from './http-error.filter.js';
import { JsonLogger } from '../logging/json.logger.js';
import { jsonBody } from './json-body.middleware.js';
import { requestLog } from './request-log.middleware.js';

/** Routes that need no key: the OpenAPI document must not ask for one there. */
const PUBLIC_PATHS = ['/health', '/v1/audit/public-key'];

/** The OpenAPI document of the running app (served at `/docs` and `/docs-json`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cross-border data transfer ledger')
    .setDescription(
      'Regulators record policy, services record transfers, auditors ask whether a transfer was legal on a date, as known at a point of the ledger (docs/api.md). ' +
        'Send `Authorization: Bearer <key>`; ledger positions are decimal strings; dates are Shanghai calendar dates (YYYY-MM-DD).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (LEDGER_API_KEYS, or the generated key file)' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      if (PUBLIC_PATHS.includes(path)) {
        operation.security = [];
        continue;
      }
      // What the shell answers on every protected route (the guard, the pipe, the filter), so
      // each controller need not repeat it.
      const errors: Record<string, string> = {
        '401': 'No key, an unknown key, or a revoked key.',
        '403': 'The key\'s role may not do this (or a service key acting for another company).',
        '429': 'Too many failed authentications from this client address: retry after `Retry-After` seconds.',
        ...(operation.requestBody || operation.parameters?.length ? { '400': 'Validation failed: every problem named, nothing recorded.' } : {}),
        '500': 'A server fault (never with a stack trace).',
      };
      for (const [status, description] of Object.entries(errors)) {
        operation.responses[status] ??= { description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } };
      }
    }
  }
  // The console is served by a middleware (src/console/), not a controller: described here.
  document.paths['/'] = {
    get: {
      tags: ['console'],
      summary: 'The web console (HTML, no key needed): it signs in with an API key and calls this API with it (docs/api.md §10)',
      operationId: 'console',
      security: [],
      responses: { '200': { description: 'the console page; its scripts and style sheet are under /console/', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  };
  return document;
}

/**
 * What `main` and the tests both apply to the Nest application before `init`/`listen`: the
 * request log, the one JSON body parser (registered before Express's own, which then find every
 * body read), the console's pages, and the OpenAPI document and UI. (Guard, pipe and error filter are providers of
 * AppModule, so they apply however the app is built.)
 */
export function configureApp(app: INestApplication): INestApplication {
  // Say nothing about the stack to whoever is probing it.
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  app.use(requestLog(app.get(JsonLogger)));
  app.use(jsonBody());
  // The console's pages at `/` and `/console/*` (src/console/): static, no key needed.
  app.use(serveConsole());
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
