import type { InstrumentContent, PolicyEvent, RegimeContent } from '../../../src/policy/domain/policy.events.js';
import type { DeclaredTransfer } from '../../../src/legality/domain/transfer-under-evaluation.js';
import { LedgerLog } from './ledger-log.js';

/** docs/domain.md §4, step by step, on small policies built for each rule. */

const ZONE = 'pilot-zone';
const ACME = 'acme';

const regime = (more: Partial<RegimeContent> = {}): PolicyEvent => ({
  type: 'RegimeEnacted',
  data: {
    regimeId: 'baseline', title: 'baseline', effectiveFrom: '2020-01-01', countingWindow: 'calendar-year',
    thresholds: [
      { metric: 'personalInfoSubjects', atLeast: 100, requirement: 'standard-contract' },
      { metric: 'personalInfoSubjects', atLeast: 1000, requirement: 'security-assessment' },
      { metric: 'sensitivePersonalInfoSubjects', atLeast: 1, requirement: 'standard-contract' },
    ],
    exemptPurposes: ['emergency'],
    ...more,
  },
});
const registered: PolicyEvent = { type: 'CompanyRegistered', data: { companyId: ACME, zoneId: ZONE, effectiveFrom: '2020-01-01' } };
const instrument = (instrumentId: string, more: Partial<InstrumentContent> = {}): PolicyEvent => ({
  type: 'InstrumentGranted',
  data: { instrumentId, companyId: ACME, kind: 'security-assessment', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2026-01-01', ...more },
});
const acme = (more: Partial<DeclaredTransfer> = {}): DeclaredTransfer => ({
  companyId: ACME, field: 'health', category: 'records', destination: 'SG', occurredAt: '2024-06-01T10:00:00+08:00', ...more,
});

const ledger = (...events: PolicyEvent[]): LedgerLog => {
  const log = new LedgerLog();
  log.policy(registered, ...events);
  return log;
};

describe('step 1: classification', () => {
  it('a core designation makes the data core and prohibited (step 2); a general list entry does not lift it', () => {
    const log = ledger(
      { type: 'DataDesignated', data: { designationId: 'core-health', field: 'health', category: 'records', classification: 'core', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2020-01-01', entries: [{ field: 'health' }] } },
      instrument('sa-all'),
    );
    const verdict = log.evaluate(acme());
    expect(verdict).toMatchObject({ legal: false, requirement: 'prohibited', classification: 'core', satisfiedBy: [], cumulative: { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 } });
    expect(verdict.basis).toEqual([expect.objectContaining({ factId: 'core-health', effect: 'designation core-health classifies health/records as core data from 2020-01-01' })]);
    expect(verdict.explanation).toBe('Illegal: health/records is core data (designation core-health), whose export is prohibited.');
  });

  it('designations match the whole field (no category) or exactly one category', () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'genomes', field: 'health', category: 'genomes', classification: 'important', effectiveFrom: '2020-01-01' } },
    );
    expect(log.evaluate(acme({ category: 'genomes' }))).toMatchObject({ classification: 'important', requirement: 'security-assessment' });
    expect(log.evaluate(acme({ category: 'genomes/raw' }))).toMatchObject({ classification: 'general', requirement: 'none' });
    expect(log.evaluate(acme({ category: 'Genomes' }))).toMatchObject({ classification: 'general' });
    log.policy({ type: 'DataDesignated', data: { designationId: 'all-health', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } });
    expect(log.evaluate(acme({ category: 'anything' }))).toMatchObject({ classification: 'important' });
    expect(log.evaluate(acme({ field: 'healthcare' }))).toMatchObject({ classification: 'general' });
  });

  it("the exporter's own declaration makes data important, and a general list does not lift it", () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2020-01-01', entries: [{ field: 'health', category: 'records' }] } },
    );
    expect(log.evaluate(acme())).toMatchObject({ classification: 'general', requirement: 'none', legal: true });
    const declared = log.evaluate(acme({ importantData: true }));
    expect(declared).toMatchObject({ classification: 'important', requirement: 'security-assessment', legal: false });
    expect(declared.explanation).toMatch(/because the exporter declared the data important;/);
    // Declared important with no designation at all.
    expect(log.evaluate(acme({ field: 'retail', importantData: true }))).toMatchObject({ classification: 'important', requirement: 'security-assessment' });
  });

  it('a general list lifts only for companies registered in one of its zones on the date', () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: ['other-zone', ZONE], effectiveFrom: '2020-01-01', entries: [{ field: 'health' }] } },
      { type: 'CompanyRegistered', data: { companyId: 'elsewhere', zoneId: 'third-zone', effectiveFrom: '2020-01-01' } },
      { type: 'CompanyDeregistered', data: { companyId: ACME, zoneId: ZONE, effectiveFrom: '2024-07-01' } },
    );
    expect(log.evaluate(acme({ occurredAt: '2024-06-30T12:00:00+08:00' }))).toMatchObject({ classification: 'general' });
    expect(log.evaluate(acme({ occurredAt: '2024-07-01T12:00:00+08:00' }))).toMatchObject({ classification: 'important' });
    expect(log.evaluate(acme({ companyId: 'elsewhere' }))).toMatchObject({ classification: 'important' });
    expect(log.evaluate(acme({ companyId: 'unknown-company' }))).toMatchObject({ classification: 'important' });
  });

  it('list expansions add entries from their date, withdrawals remove them from theirs', () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2024-01-01', entries: [{ field: 'health', category: 'records' }] } },
      { type: 'DataListExpanded', data: { listId: 'gl', effectiveFrom: '2024-03-01', entries: [{ field: 'health', category: 'trials' }] } },
      { type: 'DataListEntriesWithdrawn', data: { listId: 'gl', effectiveFrom: '2024-09-01', entries: [{ field: 'health', category: 'records' }] } },
    );
    const on = (category: string, date: string) => log.evaluate(acme({ category, occurredAt: `${date}T12:00:00+08:00` })).classification;
    expect([on('trials', '2024-02-29'), on('trials', '2024-03-01')]).toEqual(['important', 'general']);
    expect([on('records', '2024-08-31'), on('records', '2024-09-01')]).toEqual(['general', 'important']);
    const expansion = log.events[4];
    expect(log.evaluate(acme({ category: 'trials' })).basis[0]).toMatchObject({ factId: 'gl', eventId: expansion.id, effect: 'entry health/trials of gl lifted important designation imp' });
  });

  it('extensions, early terminations and amendments move the term end; the latest recorded wins', () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2024-01-01', effectiveUntil: '2024-07-01', entries: [{ field: 'health' }] } },
    );
    const onJuly = () => log.evaluate(acme({ occurredAt: '2024-07-15T12:00:00+08:00' })).classification;
    expect(onJuly()).toBe('important');
    log.policy({ type: 'DataListExtended', data: { listId: 'gl', effectiveUntil: '2025-01-01', previousUntil: '2024-07-01' } });
    expect(onJuly()).toBe('general');
    log.policy({ type: 'DataListTerminated', data: { listId: 'gl', effectiveUntil: '2024-07-10', previousUntil: '2025-01-01' } });
    expect(onJuly()).toBe('important');
    log.policy({ type: 'DataListExpired', data: { listId: 'gl', effectiveUntil: '2024-07-10' } });
    expect(onJuly()).toBe('important');
    log.policy({ type: 'DataListAmended', data: { listId: 'gl', kind: 'general', title: 'gl v2', zones: [ZONE], effectiveFrom: '2024-01-01', effectiveUntil: '2024-08-01', entries: [{ field: 'health' }] } });
    expect(onJuly()).toBe('general');
  });

  it('an amendment replaces the published entries, while earlier expansions still apply', () => {
    const log = ledger(
      regime({ thresholds: [] }),
      { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } },
      { type: 'DataListPublished', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2024-01-01', entries: [{ field: 'health', category: 'records' }] } },
      { type: 'DataListExpanded', data: { listId: 'gl', effectiveFrom: '2024-02-01', entries: [{ field: 'health', category: 'trials' }] } },
      { type: 'DataListAmended', data: { listId: 'gl', kind: 'general', title: 'gl', zones: [ZONE], effectiveFrom: '2024-01-01', entries: [{ field: 'health', category: 'billing' }] } },
    );
    const cls = (category: string) => log.evaluate(acme({ category })).classification;
    expect([cls('records'), cls('trials'), cls('billing')]).toEqual(['important', 'general', 'general']);
  });
});

describe('step 3: negative lists', () => {
  const negative: PolicyEvent = {
    type: 'DataListPublished',
    data: { listId: 'neg', kind: 'negative', title: 'neg', zones: [ZONE], effectiveFrom: '2024-01-01', entries: [{ field: 'health', category: 'genomes' }] },
  };

  it('data not on a negative list in force for the company zone needs nothing, even important data in bulk', () => {
    const log = ledger(regime(), negative, { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } });
    const verdict = log.evaluate(acme({ personalInfoSubjects: 50_000 }));
    expect(verdict).toMatchObject({ legal: true, requirement: 'none', classification: 'important', cumulative: { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 } });
    expect(verdict.basis).toContainEqual(expect.objectContaining({ factId: 'neg', effect: 'negative list neg for pilot-zone does not list health/records: no further requirement' }));
    expect(verdict.explanation).toMatch(/^Legal: no requirement applies because acme is registered in a zone whose negative list \(neg\) does not list health\/records/);
  });

  it('data on the list goes on to the triggers', () => {
    const log = ledger(regime(), negative);
    expect(log.evaluate(acme({ category: 'genomes', personalInfoSubjects: 150 }))).toMatchObject({ requirement: 'standard-contract', legal: false });
  });

  it('a CIIO goes on to the triggers', () => {
    const log = ledger(regime(), negative, { type: 'CompanyDesignatedCiio', data: { companyId: ACME, effectiveFrom: '2024-05-01' } });
    expect(log.evaluate(acme({ occurredAt: '2024-04-30T12:00:00+08:00', personalInfoSubjects: 5 }))).toMatchObject({ requirement: 'none' });
    expect(log.evaluate(acme({ personalInfoSubjects: 5 }))).toMatchObject({ requirement: 'security-assessment', legal: false });
  });

  it('applies only while in force and only to companies registered in its zones', () => {
    const log = ledger(regime(), negative, { type: 'CompanyRegistered', data: { companyId: 'outsider', zoneId: 'elsewhere', effectiveFrom: '2020-01-01' } });
    expect(log.evaluate(acme({ occurredAt: '2023-12-31T12:00:00+08:00', personalInfoSubjects: 150 }))).toMatchObject({ requirement: 'standard-contract' });
    expect(log.evaluate(acme({ companyId: 'outsider', personalInfoSubjects: 150 }))).toMatchObject({ requirement: 'standard-contract' });
  });
});

describe('step 4: triggers', () => {
  it('a CIIO carrying personal information needs a security assessment; without it, nothing; after the lifting, the regime decides', () => {
    const log = ledger(
      regime(),
      { type: 'CompanyDesignatedCiio', data: { companyId: ACME, effectiveFrom: '2024-01-01' } },
      { type: 'CompanyCiioLifted', data: { companyId: ACME, effectiveFrom: '2024-09-01' } },
    );
    const ciio = log.evaluate(acme({ personalInfoSubjects: 1 }));
    expect(ciio).toMatchObject({ requirement: 'security-assessment', legal: false });
    expect(ciio.basis).toEqual([expect.objectContaining({ factId: ACME, eventId: log.events[2].id, effect: 'acme designated a critical information infrastructure operator from 2024-01-01' })]);
    expect(log.evaluate(acme())).toMatchObject({ requirement: 'none', legal: true });
    expect(log.evaluate(acme({ occurredAt: '2024-09-01T12:00:00+08:00', personalInfoSubjects: 1 }))).toMatchObject({ requirement: 'none' });
  });

  it('thresholds fire only when the transfer itself carries the metric', () => {
    const log = ledger(regime());
    log.record({ ...acme({ personalInfoSubjects: 500, sensitivePersonalInfoSubjects: 3 }), transferId: 't1' });
    // Sensitive subjects are 3 (≥ 1) so far, but this transfer carries none: only personal information counts.
    expect(log.evaluate(acme({ personalInfoSubjects: 400 }))).toMatchObject({
      requirement: 'standard-contract',
      cumulative: { personalInfoSubjects: 900, sensitivePersonalInfoSubjects: 3 },
    });
    // Personal information reaches 1000 with this transfer counted.
    expect(log.evaluate(acme({ personalInfoSubjects: 500 }))).toMatchObject({ requirement: 'security-assessment', cumulative: { personalInfoSubjects: 1000 } });
    expect(log.evaluate(acme({ sensitivePersonalInfoSubjects: 1 }))).toMatchObject({ requirement: 'standard-contract' });
    expect(log.evaluate(acme())).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 500, sensitivePersonalInfoSubjects: 3 } });
  });

  it('exempt purposes fire no threshold, but important data still needs its assessment', () => {
    const log = ledger(regime());
    const exempt = log.evaluate(acme({ personalInfoSubjects: 5000, purpose: 'emergency' }));
    expect(exempt).toMatchObject({ requirement: 'none', legal: true, cumulative: { personalInfoSubjects: 5000 } });
    expect(exempt.explanation).toBe('Legal: no requirement applies because regime baseline exempts the purpose emergency.');
    expect(log.evaluate(acme({ personalInfoSubjects: 5000, purpose: 'emergency', importantData: true }))).toMatchObject({ requirement: 'security-assessment' });
    expect(log.evaluate(acme({ personalInfoSubjects: 5000, purpose: 'cross-border-hr' }))).toMatchObject({ requirement: 'security-assessment' });
  });

  it('the regime in force is the latest enacted by effectiveFrom, ties by position; a repeal ends it', () => {
    const log = ledger(
      regime({ regimeId: 'old', effectiveFrom: '2020-01-01' }),
      regime({ regimeId: 'new', effectiveFrom: '2024-03-01', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1, requirement: 'security-assessment' }] }),
      regime({ regimeId: 'older-but-later-recorded', effectiveFrom: '2021-01-01', thresholds: [] }),
    );
    const on = (date: string) => log.evaluate(acme({ personalInfoSubjects: 150, occurredAt: `${date}T12:00:00+08:00` }));
    expect(on('2024-02-29').requirement).toBe('none'); // older-but-later-recorded (2021) beats old (2020)
    expect(on('2024-03-01').requirement).toBe('security-assessment');
    log.policy(regime({ regimeId: 'same-day', effectiveFrom: '2024-03-01', thresholds: [] }));
    expect(on('2024-03-01')).toMatchObject({ requirement: 'none' });
    expect(on('2024-03-01').basis).toEqual([expect.objectContaining({ factId: 'same-day' })]);
    log.policy({ type: 'RegimeRepealed', data: { regimeId: 'same-day', effectiveFrom: '2024-06-01' } });
    expect(on('2024-06-01').requirement).toBe('security-assessment');
  });

  it('with no regime in force, no threshold fires and the counts are zero', () => {
    const log = ledger(regime({ effectiveFrom: '2025-01-01' }));
    const verdict = log.evaluate(acme({ personalInfoSubjects: 1_000_000 }));
    expect(verdict).toMatchObject({ requirement: 'none', legal: true, cumulative: { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 } });
    expect(verdict.explanation).toBe('Legal: no requirement applies because no regime is in force on 2024-06-01.');
  });

  it('the strictest trigger wins and only the deciding facts are cited for it', () => {
    const log = ledger(regime(), { type: 'DataDesignated', data: { designationId: 'imp', field: 'health', classification: 'important', effectiveFrom: '2020-01-01' } });
    const verdict = log.evaluate(acme({ personalInfoSubjects: 150 }));
    expect(verdict).toMatchObject({ requirement: 'security-assessment', cumulative: { personalInfoSubjects: 150 } });
    expect(verdict.basis.map((b) => b.factId)).toEqual(['imp']);
  });
});

describe('step 5: instruments', () => {
  const standard = { personalInfoSubjects: 150 };
  const assessment = { personalInfoSubjects: 1500 };

  it('a security assessment satisfies both requirements; a standard contract or a certification only the standard contract', () => {
    const log = ledger(regime(), instrument('cert', { kind: 'certification' }), instrument('scc', { kind: 'standard-contract' }));
    expect(log.evaluate(acme(standard))).toMatchObject({ legal: true, satisfiedBy: ['cert', 'scc'] });
    expect(log.evaluate(acme(assessment))).toMatchObject({ legal: false, satisfiedBy: [] });
    log.policy(instrument('sa'));
    expect(log.evaluate(acme(assessment))).toMatchObject({ legal: true, satisfiedBy: ['sa'] });
    expect(log.evaluate(acme(standard))).toMatchObject({ legal: true, satisfiedBy: ['cert', 'sa', 'scc'] });
  });

  it('scope: fields, field categories and destinations; empty means all along that axis', () => {
    const log = ledger(
      regime(),
      instrument('by-field', { scope: { fields: ['health'], destinations: ['SG', 'JP'] } }),
      instrument('by-category', { scope: { categories: [{ field: 'retail', category: 'orders' }] } }),
    );
    expect(log.evaluate(acme(assessment)).satisfiedBy).toEqual(['by-field']);
    expect(log.evaluate(acme({ ...assessment, destination: 'US' })).satisfiedBy).toEqual([]);
    expect(log.evaluate(acme({ ...assessment, field: 'retail', category: 'orders', destination: 'US' })).satisfiedBy).toEqual(['by-category']);
    expect(log.evaluate(acme({ ...assessment, field: 'retail', category: 'returns' })).satisfiedBy).toEqual([]);
  });

  it('in force on the date only: first day in, until day out, revoked from its date; another company’s does not count', () => {
    const log = ledger(regime(), instrument('sa'), instrument('theirs', { companyId: 'someone-else' }));
    const on = (date: string) => log.evaluate(acme({ ...assessment, occurredAt: `${date}T12:00:00+08:00` }));
    expect([on('2023-12-31').legal, on('2024-01-01').legal, on('2025-12-31').legal, on('2026-01-01').legal]).toEqual([false, true, true, false]);
    log.policy({ type: 'InstrumentRevoked', data: { instrumentId: 'sa', effectiveFrom: '2025-01-01' } });
    expect([on('2024-12-31').legal, on('2025-01-01').legal]).toEqual([true, false]);
    const legal = on('2024-12-31');
    expect(legal.basis).toContainEqual(expect.objectContaining({ factId: 'sa', effect: 'security-assessment sa from 2024-01-01 until 2026-01-01 covers health/records to SG (revoked from 2025-01-01)' }));
    expect(legal.explanation).toMatch(/^Legal: requires a security assessment because .*; satisfied by sa\.$/);
  });
});
