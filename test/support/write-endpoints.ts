import type { TestApp } from './test-app.js';
import { TEST_COMPANY } from './test-app.js';

/**
 * Every write endpoint of the ledger (docs/api.md §4, §6, §7), each with a body it accepts on the
 * Lingang pack (seed `lingang`), and the key allowed to send it: what the hostile-input suites
 * start from and break.
 */
export interface WriteEndpoint {
  readonly method: 'post' | 'put';
  readonly path: string;
  readonly role: 'regulator' | 'service';
  readonly body: Record<string, unknown>;
}

const regime = {
  regimeId: 'fuzz-regime',
  title: 'A regime',
  effectiveFrom: '2030-01-01',
  countingWindow: 'calendar-year',
  thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100, requirement: 'standard-contract' }],
  exemptPurposes: ['emergency'],
};
const designation = { designationId: 'fuzz-designation', field: 'fuzz-field', category: 'a', classification: 'important', effectiveFrom: '2030-01-01' };
const dataList = {
  listId: 'fuzz-list',
  kind: 'general',
  title: 'A list',
  zones: ['fuzz-zone'],
  effectiveFrom: '2030-01-01',
  termMonths: 12,
  entries: [{ field: 'fuzz-field', category: 'a' }],
};
const instrument = {
  instrumentId: 'fuzz-instrument',
  companyId: TEST_COMPANY,
  kind: 'standard-contract',
  scope: { fields: ['fuzz-field'], categories: [{ field: 'icv', category: 'a' }], destinations: ['DE'] },
  effectiveFrom: '2030-01-01',
  effectiveUntil: '2031-01-01',
};
const transfer = {
  companyId: TEST_COMPANY,
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'US',
  occurredAt: '2024-06-01T10:00:00+08:00',
  personalInfoSubjects: 10,
  sensitivePersonalInfoSubjects: 0,
  importantData: false,
  purpose: 'ordinary',
};

/** The Lingang pack's facts the path-addressed endpoints act on. */
export const SEEDED = { regimeId: 'cn-2024-cross-border-provisions', listId: 'lingang-gdl-2024', transferId: 'fuzz-recorded' } as const;

export const WRITE_ENDPOINTS: readonly WriteEndpoint[] = [
  { method: 'post', path: '/v1/regimes', role: 'regulator', body: regime },
  { method: 'put', path: '/v1/regimes/fuzz-regime', role: 'regulator', body: regime },
  { method: 'post', path: '/v1/regimes/fuzz-regime/repeals', role: 'regulator', body: { effectiveFrom: '2030-06-01' } },
  { method: 'post', path: '/v1/designations', role: 'regulator', body: designation },
  { method: 'put', path: '/v1/designations/fuzz-designation', role: 'regulator', body: designation },
  { method: 'post', path: '/v1/designations/fuzz-designation/lifts', role: 'regulator', body: { effectiveFrom: '2030-06-01' } },
  { method: 'post', path: '/v1/data-lists', role: 'regulator', body: dataList },
  { method: 'put', path: '/v1/data-lists/fuzz-list', role: 'regulator', body: dataList },
  { method: 'post', path: '/v1/data-lists/fuzz-list/expansions', role: 'regulator', body: { effectiveFrom: '2030-02-01', entries: [{ field: 'other' }] } },
  { method: 'post', path: '/v1/data-lists/fuzz-list/withdrawals', role: 'regulator', body: { effectiveFrom: '2030-03-01', entries: [{ field: 'fuzz-field', category: 'a' }] } },
  { method: 'post', path: '/v1/data-lists/fuzz-list/extensions', role: 'regulator', body: { effectiveUntil: '2032-01-01' } },
  { method: 'post', path: '/v1/data-lists/fuzz-list/terminations', role: 'regulator', body: { effectiveUntil: '2030-12-01' } },
  { method: 'post', path: '/v1/companies/fuzz-company/registrations', role: 'regulator', body: { zoneId: 'fuzz-zone', effectiveFrom: '2030-01-01', effectiveUntil: '2031-01-01' } },
  { method: 'post', path: '/v1/companies/fuzz-company/deregistrations', role: 'regulator', body: { zoneId: 'fuzz-zone', effectiveFrom: '2030-06-01' } },
  { method: 'post', path: '/v1/companies/fuzz-company/ciio', role: 'regulator', body: { ciio: true, effectiveFrom: '2030-01-01' } },
  { method: 'post', path: '/v1/instruments', role: 'regulator', body: instrument },
  { method: 'put', path: '/v1/instruments/fuzz-instrument', role: 'regulator', body: instrument },
  { method: 'post', path: '/v1/instruments/fuzz-instrument/revocations', role: 'regulator', body: { effectiveFrom: '2030-06-01' } },
  { method: 'post', path: '/v1/transfers', role: 'service', body: { transferId: 'fuzz-transfer', ...transfer } },
  { method: 'post', path: `/v1/transfers/${SEEDED.transferId}/corrections`, role: 'service', body: { personalInfoSubjects: 11, correctionId: 'fuzz-correction' } },
  { method: 'post', path: '/v1/legality/evaluate', role: 'service', body: transfer },
];

/** Sends a raw body text (so that duplicate members and `__proto__` reach the server as written). */
export const sendRaw = (t: TestApp, endpoint: WriteEndpoint, text: string, contentType = 'application/json') =>
  t.http[endpoint.method](endpoint.path).set(t.auth(t.keys[endpoint.role])).set('Content-Type', contentType).send(text);

/** Records the transfer the correction endpoint acts on. */
export async function recordFuzzTarget(t: TestApp): Promise<void> {
  await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send({ transferId: SEEDED.transferId, ...transfer }).expect(201);
}

/** Nothing of the server's insides in an answer: no stack frame, file path, error class or store text. */
export const INTERNAL_TEXT = /\n\s+at |\/work\/|node_modules|[A-Za-z]+Error\b|SQLITE|sqlite:|esdb:\/\/|\.ts:\d+|\.js:\d+/;
