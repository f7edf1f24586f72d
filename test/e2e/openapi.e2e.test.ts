import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The OpenAPI document at /docs-json must agree with docs/api.md: every endpoint it names, with
 * the body fields it names. Path parameters are compared by position, not by name.
 */
const CONTRACT: readonly [method: string, path: string, bodyFields?: readonly string[]][] = [
  ['post', '/v1/regimes', ['regimeId', 'title', 'effectiveFrom', 'effectiveUntil', 'countingWindow', 'thresholds', 'exemptPurposes']],
  ['post', '/v1/designations', ['designationId', 'field', 'category', 'classification', 'effectiveFrom', 'effectiveUntil']],
  ['post', '/v1/data-lists', ['listId', 'kind', 'title', 'zones', 'effectiveFrom', 'effectiveUntil', 'termMonths', 'entries']],
  ['post', '/v1/data-lists/{}/expansions', ['effectiveFrom', 'entries']],
  ['post', '/v1/data-lists/{}/withdrawals', ['effectiveFrom', 'entries']],
  ['post', '/v1/data-lists/{}/extensions', ['effectiveUntil']],
  ['post', '/v1/data-lists/{}/terminations', ['effectiveUntil']],
  ['post', '/v1/companies/{}/registrations', ['zoneId', 'effectiveFrom', 'effectiveUntil']],
  ['post', '/v1/companies/{}/deregistrations', ['zoneId', 'effectiveFrom']],
  ['post', '/v1/companies/{}/ciio', ['ciio', 'effectiveFrom']],
  ['post', '/v1/instruments', ['instrumentId', 'companyId', 'kind', 'scope', 'effectiveFrom', 'effectiveUntil']],
  ['post', '/v1/instruments/{}/revocations', ['effectiveFrom']],
  ['put', '/v1/regimes/{}'],
  ['put', '/v1/designations/{}'],
  ['put', '/v1/data-lists/{}'],
  ['put', '/v1/instruments/{}'],
  [
    'post',
    '/v1/transfers',
    ['transferId', 'companyId', 'field', 'category', 'destination', 'occurredAt', 'personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'purpose'],
  ],
  ['post', '/v1/transfers/{}/corrections', ['personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'category', 'destination']],
  ['get', '/v1/transfers/{}'],
  ['get', '/v1/transfers/{}/legality'],
  ['post', '/v1/legality/evaluate', ['companyId', 'field', 'category', 'destination', 'occurredAt', 'knownAt', 'position']],
  ['get', '/health'],
  // The console and how it signs in.
  ['get', '/'],
  ['get', '/v1/keys/me'],
  // Additions (second round): listing and reports.
  ['get', '/v1/transfers'],
  ['get', '/v1/regimes'],
  ['get', '/v1/designations'],
  ['get', '/v1/data-lists'],
  ['get', '/v1/instruments'],
  ['get', '/v1/companies'],
  ['get', '/v1/audit/timeline'],
  ['post', '/v1/reports', ['kind', 'parameters', 'knownAt', 'position']],
  ['get', '/v1/reports'],
  ['get', '/v1/reports/{}'],
  // Sealed log.
  ['get', '/v1/audit/public-key'],
  ['get', '/v1/audit/checkpoint'],
  ['get', '/v1/audit/proofs/inclusion'],
  ['get', '/v1/audit/proofs/consistency'],
];

/** The query parameters docs/api.md's additions name, per listing endpoint. */
const QUERY_PARAMETERS: readonly [path: string, names: readonly string[]][] = [
  ['/v1/transfers', ['companyId', 'zoneId', 'from', 'to', 'field', 'category', 'destination', 'legal', 'requirement', 'changed', 'knownAt', 'position', 'limit', 'cursor']],
  ...['/v1/regimes', '/v1/designations', '/v1/data-lists', '/v1/instruments', '/v1/companies'].map((path): [string, string[]] => [path, ['knownAt', 'position', 'limit', 'cursor']]),
  ['/v1/audit/timeline', ['fromPosition', 'limit', 'type', 'factId', 'companyId', 'toPosition', 'recordedFrom', 'recordedTo']],
  ['/v1/reports', ['knownAt', 'position', 'limit', 'cursor']],
  ['/v1/reports/{}', ['format']],
];

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[] };
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { name: string; in: string }[]; security?: unknown[] };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const normalise = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

describe('the OpenAPI document agrees with docs/api.md', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await t.close();
  });

  const operation = (method: string, path: string): Operation | undefined => {
    const entry = Object.entries(doc.paths).find(([p]) => normalise(p) === path);
    return entry?.[1][method];
  };

  const fieldsOf = (schema: Schema | undefined): string[] => {
    if (!schema) return [];
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
    return [...Object.keys(resolved?.properties ?? {}), ...(resolved?.allOf ?? []).flatMap(fieldsOf)];
  };

  it.each(CONTRACT.map(([method, path, fields]) => [`${method.toUpperCase()} ${path}`, method, path, fields] as const))('%s', (_name, method, path, fields) => {
    const op = operation(method, path);
    expect(op).toBeDefined();
    if (fields) {
      const declared = fieldsOf(op?.requestBody?.content?.['application/json']?.schema);
      expect(declared).toEqual(expect.arrayContaining([...fields]));
    }
  });

  it.each(QUERY_PARAMETERS)('documents the query parameters of GET %s', (path, names) => {
    const declared = (operation('get', path)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(declared).toEqual(expect.arrayContaining([...names]));
  });

  it('documents the knowledge cut of a transfer legality question as query parameters', () => {
    const names = (operation('get', '/v1/transfers/{}/legality')?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['knownAt', 'position']));
  });

  it('asks for the bearer key everywhere except /health, the public key of the sealed log and the console', () => {
    expect(operation('get', '/health')?.security).toEqual([]);
    expect(operation('get', '/v1/audit/public-key')?.security).toEqual([]);
    expect(operation('get', '/')?.security).toEqual([]);
    const open = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !['/health', '/v1/audit/public-key', '/'].includes(path) && op.security !== undefined && !JSON.stringify(op.security).includes('"bearer":[]'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(open).toEqual([]);
  });
});
