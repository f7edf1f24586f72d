import { describe, expect, it } from '@jest/globals';
import type { Verdict } from '../../../src/legality/domain/verdict.js';
import { compareVerdicts } from '../../../src/transfers/domain/verdict-comparison.js';

const recorded: Verdict = {
  legal: true,
  requirement: 'none',
  classification: 'general',
  date: '2024-07-01',
  position: '20',
  satisfiedBy: [],
  cumulative: { personalInfoSubjects: 60_000, sensitivePersonalInfoSubjects: 0 },
  basis: [{ factId: 'lingang-gdl-2024', eventId: 'e-list', position: '7', effect: 'entry lifted designation' }],
  notes: [],
  explanation: 'general data needs nothing',
};

describe('compareVerdicts', () => {
  it('finds no change when only the cut, the explanation and the counts differ', () => {
    const later = { ...recorded, position: '90', explanation: 'other words', cumulative: { personalInfoSubjects: 70_000, sensitivePersonalInfoSubjects: 0 } };
    expect(compareVerdicts(recorded, later)).toEqual({ changed: false, differences: [] });
  });

  it('treats satisfiedBy as a set', () => {
    const a = { ...recorded, satisfiedBy: ['sc-1', 'sa-2'] };
    expect(compareVerdicts(a, { ...a, satisfiedBy: ['sa-2', 'sc-1'] }).changed).toBe(false);
    expect(compareVerdicts(a, { ...a, satisfiedBy: ['sa-2'] }).differences.map((d) => d.aspect)).toEqual(['satisfiedBy']);
  });

  it('names each changed aspect with both values and the counts and corrections that explain it', () => {
    const now: Verdict = {
      ...recorded,
      legal: false,
      requirement: 'standard-contract',
      position: '95',
      cumulative: { personalInfoSubjects: 160_000, sensitivePersonalInfoSubjects: 0 },
    };
    const correction = { correctionId: 'c-1', position: 93n, changes: { personalInfoSubjects: 100_000 } };
    const { changed, differences } = compareVerdicts(recorded, now, [correction]);
    expect(changed).toBe(true);
    expect(differences.map((d) => [d.aspect, d.recorded, d.recomputed])).toEqual([
      ['legal', true, false],
      ['requirement', 'none', 'standard-contract'],
    ]);
    expect(differences[0].why).toBe('correction c-1 at position 93 set personalInfoSubjects 100000; cumulative personalInfoSubjects 60000 → 160000');
  });

  it('cites facts that entered or left the basis', () => {
    const now: Verdict = {
      ...recorded,
      classification: 'important',
      requirement: 'security-assessment',
      legal: false,
      basis: [{ factId: 'cn-auto-data-conservative', eventId: 'e-des', position: '5', effect: 'icv designated important' }],
    };
    const [first] = compareVerdicts(recorded, now).differences;
    expect(first.why).toBe('now cited: icv designated important (position 5); no longer cited: entry lifted designation');
  });
});
