import fc from 'fast-check';
import type { DataEntry, PolicyEvent, Threshold } from '../../src/policy/domain/policy.events.js';
import type { Purpose, Requirement } from '../../src/common/terms.js';
import type { DeclaredTransfer } from '../../src/legality/domain/transfer-under-evaluation.js';
import type { TransferChanges } from '../../src/transfers/domain/transfer.events.js';
import { addDays } from '../../src/common/time.js';

/**
 * Random ledger histories over a small world (2 companies, 2 zones, 2 fields of 2 categories),
 * so that facts collide often: policy events of every type, transfers and corrections,
 * interleaved. Events are well-formed but not filtered by the deciders' business rules; the
 * evaluator must stay deterministic whatever the log says.
 */

export type Action =
  | { readonly kind: 'policy'; readonly event: PolicyEvent }
  | { readonly kind: 'record'; readonly transfer: DeclaredTransfer }
  | { readonly kind: 'correct'; readonly pick: number; readonly changes: TransferChanges };

const COMPANIES = ['c1', 'c2'];
const ZONES = ['z1', 'z2'];
const FIELDS = ['f1', 'f2'];
const CATEGORIES = ['a', 'b'];
const DESTINATIONS = ['US', 'DE'];
const PURPOSES: Purpose[] = ['ordinary', 'ordinary', 'contract-necessity', 'emergency'];

const date = fc.integer({ min: 0, max: 3 * 366 }).map((days) => addDays('2023-01-01', days));
const entry: fc.Arbitrary<DataEntry> = fc.record({ field: fc.constantFrom(...FIELDS), category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }) })
  .map(({ field, category }) => (category === undefined ? { field } : { field, category }));
const entries = fc.uniqueArray(entry, { maxLength: 3, selector: (e) => `${e.field}/${e.category ?? ''}` });
const threshold: fc.Arbitrary<Threshold> = fc.record({
  metric: fc.constantFrom('personalInfoSubjects' as const, 'sensitivePersonalInfoSubjects' as const),
  atLeast: fc.integer({ min: 1, max: 300 }),
  requirement: fc.constantFrom<Requirement>('standard-contract', 'security-assessment'),
});
/** An interval: until, when present, is after from (as the deciders require). */
const interval = fc.tuple(date, fc.option(fc.integer({ min: 1, max: 700 }), { nil: undefined })).map(([from, length]) => ({
  effectiveFrom: from,
  ...(length === undefined ? {} : { effectiveUntil: addDays(from, length) }),
}));

const regimeContent = fc.record({
  regimeId: fc.constantFrom('r1', 'r2', 'r3'),
  window: fc.constantFrom('calendar-year' as const, 'previous-and-current-calendar-year' as const),
  thresholds: fc.array(threshold, { maxLength: 3 }),
  exempt: fc.subarray(['contract-necessity', 'emergency'] as Purpose[]),
  interval,
}).map(({ regimeId, window, thresholds, exempt, interval: i }) => ({ regimeId, title: regimeId, ...i, countingWindow: window, thresholds, exemptPurposes: exempt }));

const designationContent = fc.record({
  designationId: fc.constantFrom('d1', 'd2', 'd3'),
  field: fc.constantFrom(...FIELDS),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  classification: fc.constantFrom('important' as const, 'important' as const, 'core' as const),
  interval,
}).map(({ designationId, field, category, classification, interval: i }) => ({ designationId, field, ...(category === undefined ? {} : { category }), classification, ...i }));

const listContent = fc.record({
  listId: fc.constantFrom('l1', 'l2', 'l3'),
  kind: fc.constantFrom('general' as const, 'general' as const, 'negative' as const),
  zones: fc.subarray(ZONES, { minLength: 1 }),
  entries,
  interval,
}).map(({ listId, kind, zones, entries: e, interval: i }) => ({ listId, kind, title: listId, zones, ...i, entries: e }));

const instrumentContent = fc.record({
  instrumentId: fc.constantFrom('i1', 'i2', 'i3'),
  companyId: fc.constantFrom(...COMPANIES),
  kind: fc.constantFrom('security-assessment' as const, 'standard-contract' as const, 'certification' as const),
  fields: fc.subarray(FIELDS, { maxLength: 1 }),
  destinations: fc.subarray(DESTINATIONS, { maxLength: 1 }),
  from: date,
  length: fc.integer({ min: 1, max: 900 }),
}).map(({ instrumentId, companyId, kind, fields, destinations, from, length }) => ({
  instrumentId, companyId, kind, scope: { fields, destinations }, effectiveFrom: from, effectiveUntil: addDays(from, length),
}));

export const policyEvent: fc.Arbitrary<PolicyEvent> = fc.oneof(
  regimeContent.map((data): PolicyEvent => ({ type: 'RegimeEnacted', data })),
  regimeContent.map((data): PolicyEvent => ({ type: 'RegimeAmended', data })),
  fc.record({ regimeId: fc.constantFrom('r1', 'r2', 'r3'), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'RegimeRepealed', data })),
  designationContent.map((data): PolicyEvent => ({ type: 'DataDesignated', data })),
  designationContent.map((data): PolicyEvent => ({ type: 'DesignationAmended', data })),
  fc.record({ designationId: fc.constantFrom('d1', 'd2', 'd3'), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'DesignationLifted', data })),
  listContent.map((data): PolicyEvent => ({ type: 'DataListPublished', data })),
  listContent.map((data): PolicyEvent => ({ type: 'DataListAmended', data })),
  fc.record({ listId: fc.constantFrom('l1', 'l2', 'l3'), effectiveFrom: date, entries }).map((data): PolicyEvent => ({ type: 'DataListExpanded', data })),
  fc.record({ listId: fc.constantFrom('l1', 'l2', 'l3'), effectiveFrom: date, entries }).map((data): PolicyEvent => ({ type: 'DataListEntriesWithdrawn', data })),
  fc.record({ listId: fc.constantFrom('l1', 'l2', 'l3'), effectiveUntil: date }).map((data): PolicyEvent => ({ type: 'DataListExtended', data })),
  fc.record({ listId: fc.constantFrom('l1', 'l2', 'l3'), effectiveUntil: date }).map((data): PolicyEvent => ({ type: 'DataListTerminated', data })),
  fc.record({ companyId: fc.constantFrom(...COMPANIES), zoneId: fc.constantFrom(...ZONES), interval }).map(({ companyId, zoneId, interval: i }): PolicyEvent => ({ type: 'CompanyRegistered', data: { companyId, zoneId, ...i } })),
  fc.record({ companyId: fc.constantFrom(...COMPANIES), zoneId: fc.constantFrom(...ZONES), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'CompanyDeregistered', data })),
  fc.record({ companyId: fc.constantFrom(...COMPANIES), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'CompanyDesignatedCiio', data })),
  fc.record({ companyId: fc.constantFrom(...COMPANIES), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'CompanyCiioLifted', data })),
  instrumentContent.map((data): PolicyEvent => ({ type: 'InstrumentGranted', data })),
  instrumentContent.map((data): PolicyEvent => ({ type: 'InstrumentAmended', data })),
  fc.record({ instrumentId: fc.constantFrom('i1', 'i2', 'i3'), effectiveFrom: date }).map((data): PolicyEvent => ({ type: 'InstrumentRevoked', data })),
);

/** Instants spread over a few hours of each date and several offsets, with frequent exact collisions. */
const occurredAt = fc.tuple(date, fc.constantFrom('00:30:00+08:00', '09:00:00+08:00', '09:00:00+08:00', '01:00:00Z', '23:30:00-05:00')).map(([d, time]) => `${d}T${time}`);

export const transfer: fc.Arbitrary<DeclaredTransfer> = fc.record({
  companyId: fc.constantFrom(...COMPANIES),
  field: fc.constantFrom(...FIELDS),
  category: fc.constantFrom(...CATEGORIES),
  destination: fc.constantFrom(...DESTINATIONS),
  occurredAt,
  personalInfoSubjects: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 150 })),
  sensitivePersonalInfoSubjects: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
  importantData: fc.constantFrom(false, false, false, true),
  purpose: fc.constantFrom(...PURPOSES),
});

const changes: fc.Arbitrary<TransferChanges> = fc.record(
  {
    personalInfoSubjects: fc.integer({ min: 0, max: 150 }),
    sensitivePersonalInfoSubjects: fc.integer({ min: 0, max: 20 }),
    importantData: fc.boolean(),
    category: fc.constantFrom(...CATEGORIES),
    destination: fc.constantFrom(...DESTINATIONS),
  },
  { requiredKeys: [] },
);

export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: policyEvent.map((event): Action => ({ kind: 'policy', event })) },
  { weight: 4, arbitrary: transfer.map((t): Action => ({ kind: 'record', transfer: t })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), changes).map(([pick, c]): Action => ({ kind: 'correct', pick, changes: c })) },
);

export const history = fc.array(action, { minLength: 1, maxLength: 60 });
