import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createEventStore } from '../../../src/event-store/event-store.factory.js';
import type { EventStore } from '../../../src/event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../src/knowledge-cut/knowledge-cuts.js';
import { toTransferUnderEvaluation } from '../../../src/legality/domain/transfer-under-evaluation.js';
import { LegalityService } from '../../../src/legality/legality.service.js';
import { LegalityProjectionRunner } from '../../../src/legality/projections/legality-projection.runner.js';
import { NotFound, ValidationFailed } from '../../../src/common/errors.js';
import { uuidv7 } from '../../../src/common/ids.js';

/** LegalityService and KnowledgeCuts on the real SQLite store (in memory): catch-up, knowledge cuts, recorded transfers. */

let store: EventStore;
let cuts: KnowledgeCuts;
let runner: LegalityProjectionRunner;
let legality: LegalityService;

const designate = () =>
  store.append('designation-imp', [{ id: uuidv7(), type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } }]);
const question = toTransferUnderEvaluation({ companyId: 'acme', field: 'health', category: 'records', destination: 'SG', occurredAt: '2024-06-01T12:00:00+08:00' });

beforeAll(() => Logger.overrideLogger(false));
beforeEach(async () => {
  store = await createEventStore('sqlite::memory:');
  cuts = new KnowledgeCuts(store);
  runner = new LegalityProjectionRunner(store, cuts);
  runner.onModuleInit();
  legality = new LegalityService(runner, cuts);
});
afterEach(async () => {
  await runner.onModuleDestroy();
  await store.close();
});

describe('LegalityService', () => {
  it('catches up to the head as of the call: 0 on an empty log, then what was just appended', async () => {
    expect(await cuts.catchUp()).toBe(0n);
    expect(legality.evaluateNew(question, 0n)).toMatchObject({ classification: 'general', position: '0' });
    const { position } = await designate();
    expect(await cuts.catchUp()).toBe(position);
    expect(legality.evaluateNew(question, position)).toMatchObject({ classification: 'important', requirement: 'security-assessment' });
  });

  it('resolves cuts: the head, a position, an instant; refuses a position beyond the head, both at once, and bad forms', async () => {
    const first = await designate();
    await store.append('company-acme', [{ id: uuidv7(), type: 'CompanyRegistered', data: { companyId: 'acme', zoneId: 'z', effectiveFrom: '2020-01-01' } }]);
    const head = (await store.headPosition())!;
    expect(await cuts.resolve({})).toBe(head);
    expect(await cuts.resolve({ position: first.position.toString() })).toBe(first.position);
    expect(await cuts.resolve({ knownAt: '2000-01-01T00:00:00Z' })).toBe(0n);
    expect(await cuts.resolve({ knownAt: new Date(Date.now() + 60_000).toISOString() })).toBe(head);
    const problems = async (query: { position?: string; knownAt?: string }) => {
      const error = await cuts.resolve(query).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      return (error as ValidationFailed).problems.map((p) => p.field);
    };
    expect(await problems({ position: (head + 1n).toString() })).toEqual(['position']);
    expect(await problems({ position: '1', knownAt: '2026-01-01T00:00:00Z' })).toEqual(['position', 'knownAt']);
    expect(await problems({ position: '-1' })).toEqual(['position']);
    expect(await problems({ position: '' })).toEqual(['position']);
    expect(await problems({ knownAt: '2026-01-01' })).toEqual(['knownAt']);
  });

  it('evaluates recorded transfers; NotFound for one never recorded', async () => {
    const cut = await cuts.catchUp();
    const t = toTransferUnderEvaluation({ ...question, transferId: 'x1' });
    const verdict = legality.evaluateNew(t, cut);
    const { date, ...declaration } = t;
    await store.append('transfer-x1', [{ id: uuidv7(), type: 'TransferRecorded', data: JSON.parse(JSON.stringify({ ...declaration, date, verdict })) }]);
    await designate();
    const head = await cuts.catchUp();
    expect(legality.evaluateRecorded('x1', cut)).toEqual(verdict);
    expect(legality.evaluateRecorded('x1', head)).toMatchObject({ classification: 'important' });
    expect(() => legality.evaluateRecorded('x2', head)).toThrow(NotFound);
  });
});
