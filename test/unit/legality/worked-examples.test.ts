import { LedgerLog, LINGANG_PACK, tesla } from './ledger-log.js';

/** docs/domain.md §6, in the §5 pack, everything known. */
describe('docs/domain.md §6 worked examples (tesla-shanghai, Lingang pack)', () => {
  const log = new LedgerLog();
  log.policy(...LINGANG_PACK);
  const listEvent = log.events.find((e) => e.type === 'DataListPublished')!;
  const registration = log.events.find((e) => e.type === 'CompanyRegistered')!;
  const conservative = log.events.find((e) => e.data.designationId === 'cn-auto-data-conservative')!;

  it('2024-05-16: the field is designated important and the list is not yet in force: security assessment, illegal', () => {
    const verdict = log.evaluate(tesla('2024-05-16'));
    expect(verdict).toMatchObject({ legal: false, requirement: 'security-assessment', classification: 'important', date: '2024-05-16', satisfiedBy: [] });
    expect(verdict.basis).toContainEqual(expect.objectContaining({ factId: 'cn-auto-data-conservative', eventId: conservative.id, position: conservative.position.toString() }));
    expect(verdict.basis).toContainEqual(expect.objectContaining({ factId: 'lingang-gdl-2024', effect: expect.stringContaining('not in force on 2024-05-16') }));
    expect(verdict.explanation).toBe(
      'Illegal: requires a security assessment because important designation cn-auto-data-conservative classifies icv/after-sales/service-records as important; no instrument in force covers it.',
    );
  });

  it('2024-05-17: the list entry lifts the designation: no requirement, legal, citing the entry and the registration', () => {
    const verdict = log.evaluate(tesla('2024-05-17'));
    expect(verdict).toMatchObject({ legal: true, requirement: 'none', classification: 'general', satisfiedBy: [] });
    expect(verdict.basis.slice(0, 2)).toEqual([
      {
        factId: 'lingang-gdl-2024',
        eventId: listEvent.id,
        position: listEvent.position.toString(),
        effect: 'entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative',
      },
      { factId: 'tesla-shanghai', eventId: registration.id, position: registration.position.toString(), effect: 'tesla-shanghai registered in cn-shanghai-lingang from 2018-10-17' },
    ]);
    expect(verdict.explanation).toMatch(/^Legal: no requirement applies because icv\/after-sales\/service-records is on a general data list/);
  });

  it('2025-05-16, the last day of the term: legal', () => {
    expect(log.evaluate(tesla('2025-05-16'))).toMatchObject({ legal: true, requirement: 'none', classification: 'general' });
  });

  it('2025-05-17, the list has expired: security assessment, illegal', () => {
    const verdict = log.evaluate(tesla('2025-05-17'));
    expect(verdict).toMatchObject({ legal: false, requirement: 'security-assessment', classification: 'important' });
    expect(verdict.basis).toContainEqual(expect.objectContaining({ factId: 'lingang-gdl-2024', effect: expect.stringContaining('not in force on 2025-05-17 (from 2024-05-17 until 2025-05-17)') }));
  });

  it('road/exterior-video on 2024-06-01 is not on the list: security assessment, illegal', () => {
    const verdict = log.evaluate(tesla('2024-06-01', { category: 'road/exterior-video' }));
    expect(verdict).toMatchObject({ legal: false, requirement: 'security-assessment', classification: 'important' });
    expect(verdict.basis.map((b) => b.factId)).toEqual(['cn-auto-data-conservative', 'cn-auto-road-data']);
  });

  it('after-sales records of 150,000 people on 2024-07-01: standard contract, illegal until one is filed', () => {
    const declared = tesla('2024-07-01', { personalInfoSubjects: 150_000 });
    const verdict = log.evaluate(declared);
    expect(verdict).toMatchObject({
      legal: false,
      requirement: 'standard-contract',
      classification: 'general',
      cumulative: { personalInfoSubjects: 150_000, sensitivePersonalInfoSubjects: 0 },
    });
    expect(verdict.explanation).toBe(
      'Illegal: requires a standard contract because under regime cn-2024-cross-border-provisions the cumulative 150000 personal information subjects reach 100000 (2024-01-01 through 2024-07-01); no instrument in force covers it.',
    );

    const filed = log.policy({
      type: 'InstrumentGranted',
      data: { instrumentId: 'tesla-scc-1', companyId: 'tesla-shanghai', kind: 'standard-contract', scope: {}, effectiveFrom: '2024-06-01', effectiveUntil: '2027-06-01' },
    });
    const after = log.evaluate(declared);
    expect(after).toMatchObject({ legal: true, requirement: 'standard-contract', satisfiedBy: ['tesla-scc-1'], position: filed.position.toString() });
    expect(after.explanation).toMatch(/; satisfied by tesla-scc-1\.$/);
    // As known before the filing, it was illegal: the cut decides.
    expect(log.evaluate(declared, filed.position - 1n)).toMatchObject({ legal: false, satisfiedBy: [] });
  });
});
