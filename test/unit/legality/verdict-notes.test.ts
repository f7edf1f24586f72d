import { describe, expect, it } from '@jest/globals';
import { recordedVerdictOf, type StoredVerdict } from '../../../src/legality/domain/verdict.js';
import { compareVerdicts } from '../../../src/transfers/domain/verdict-comparison.js';
import { LedgerLog, LINGANG_PACK, tesla } from './ledger-log.js';

/** Verdict notes (docs/api.md, verdict shape): what the ledger did not know, in codes and in words. */

const NOTHING_KNOWN = 'Nothing of policy is known as of position 0: no regime, designation, data list, company or instrument was recorded at or before it.';

describe('verdict notes', () => {
  it('given an empty ledger, a verdict at position 0 is legal and says that nothing was known: no-regime-in-force and no-policy-known', () => {
    const verdict = new LedgerLog().evaluate(tesla('2024-05-17'));
    expect(verdict).toMatchObject({ legal: true, requirement: 'none', position: '0', basis: [], notes: ['no-regime-in-force', 'no-policy-known'] });
    expect(verdict.explanation).toBe(`Legal: no requirement applies because no regime is in force on 2024-05-17. ${NOTHING_KNOWN}`);
  });

  it('given the pack recorded later, a cut before it still knows nothing; the head knows the pack: no notes', () => {
    const log = new LedgerLog();
    log.policy(...LINGANG_PACK);
    expect(log.evaluate(tesla('2024-05-17'), 0n).notes).toEqual(['no-regime-in-force', 'no-policy-known']);
    expect(log.evaluate(tesla('2024-05-17'))).toMatchObject({ legal: true, notes: [] });
  });

  it('given only the first regime, a cut that knows it but a date before it notes no-regime-in-force alone', () => {
    const log = new LedgerLog();
    log.policy(LINGANG_PACK[0]);
    const verdict = log.evaluate(tesla('2022-08-31'));
    expect(verdict).toMatchObject({ legal: true, requirement: 'none', notes: ['no-regime-in-force'] });
    expect(verdict.explanation).toBe('Legal: no requirement applies because no regime is in force on 2022-08-31.');
    expect(log.evaluate(tesla('2022-09-01')).notes).toEqual([]);
  });

  it('says no-regime-in-force in words also when a requirement applies without a regime (important data before 2022-09-01)', () => {
    const log = new LedgerLog();
    log.policy(...LINGANG_PACK);
    const verdict = log.evaluate(tesla('2022-01-01'));
    expect(verdict).toMatchObject({ legal: false, requirement: 'security-assessment', classification: 'important', notes: ['no-regime-in-force'] });
    expect(verdict.explanation).toMatch(/; no instrument in force covers it\. No regime is in force on 2022-01-01, so no threshold applies\.$/);
  });

  it('given nothing known, data the exporter declares important still needs an assessment, and both notes are said in words', () => {
    const verdict = new LedgerLog().evaluate(tesla('2024-05-17', { importantData: true }));
    expect(verdict).toMatchObject({ legal: false, requirement: 'security-assessment', notes: ['no-regime-in-force', 'no-policy-known'] });
    expect(verdict.explanation).toBe(
      `Illegal: requires a security assessment because the exporter declared the data important; no instrument in force covers it. No regime is in force on 2024-05-17, so no threshold applies. ${NOTHING_KNOWN}`,
    );
  });

  it('a recorded verdict without notes (recorded before they existed) reads as empty; notes never make a verdict changed', () => {
    const log = new LedgerLog();
    const { verdict } = log.record({ ...tesla('2024-05-17'), transferId: 't1' });
    const { notes: _notes, ...old } = verdict;
    const stored: StoredVerdict = old;
    expect(recordedVerdictOf(stored)).toEqual({ ...verdict, notes: [] });
    expect(recordedVerdictOf(verdict)).toBe(verdict);
    // As known now the recomputed verdict notes that nothing was known; the recorded one reads as empty: not changed.
    expect(compareVerdicts(recordedVerdictOf(stored), verdict)).toEqual({ changed: false, differences: [] });
  });
});
