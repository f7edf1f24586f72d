import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { VerdictsAtCut } from '../../../src/legality/domain/verdicts-at-cut.js';
import { LedgerLog } from './ledger-log.js';

/**
 * VerdictsAtCut (listings and reports) gives every recorded transfer exactly the verdict a single
 * question gives (LegalityService.evaluateRecorded), at any cut: its sweep sums a company's
 * cumulative counts once for the run (prefix sums) where a question sums its window afresh, with
 * back-filled transfers, corrections and transfers recorded after the cut in the mix.
 */

const REGIME = {
  type: 'RegimeEnacted',
  data: {
    regimeId: 'r',
    title: 'r',
    effectiveFrom: '2020-01-01',
    countingWindow: 'previous-and-current-calendar-year',
    thresholds: [
      { metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'standard-contract' },
      { metric: 'sensitivePersonalInfoSubjects', atLeast: 5_000, requirement: 'security-assessment' },
    ],
    exemptPurposes: [],
  },
} as const;

const step = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), company: fc.integer({ min: 0, max: 1 }), day: fc.integer({ min: 0, max: 1200 }), personal: fc.integer({ min: 0, max: 60_000 }), sensitive: fc.integer({ min: 0, max: 3_000 }) }),
  fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), personal: fc.integer({ min: 0, max: 60_000 }) }),
);

describe('VerdictsAtCut', () => {
  it('sweeps and evaluates every transfer known at a cut to the verdict a single question gives', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (steps, cutFractions) => {
        const log = new LedgerLog();
        log.policy(REGIME as never);
        const ids: string[] = [];
        for (const s of steps) {
          if (s.kind === 'record') {
            const transferId = `t-${ids.length}`;
            const occurredAt = new Date(Date.parse('2021-01-01T02:00:00Z') + s.day * 86_400_000).toISOString();
            log.record({ transferId, companyId: `c-${s.company}`, field: 'f', category: 'c', destination: 'US', occurredAt, personalInfoSubjects: s.personal, sensitivePersonalInfoSubjects: s.sensitive });
            ids.push(transferId);
          } else if (ids.length > 0) {
            log.correct(ids[s.target % ids.length], { personalInfoSubjects: s.personal });
          }
        }
        const { projections } = log;
        for (const fraction of cutFractions) {
          const cut = BigInt(Math.floor(fraction * Number(log.head)));
          const verdicts = new VerdictsAtCut(projections.transfers, projections.policy.viewAt(cut), cut);
          const swept = new Map<string, unknown>();
          for (const companyId of projections.transfers.counts.companyIds()) {
            for (const e of verdicts.sweep(companyId)) swept.set(e.transferId, e.verdict);
            for (const e of verdicts.sweep(companyId, '2022-01-01', '2022-12-31')) expect(e.verdict).toEqual(swept.get(e.transferId));
          }
          for (const transferId of ids) {
            const ordinal = projections.transfers.counts.ordinalOf(transferId) as number;
            const expected = projections.evaluateRecorded(transferId, cut);
            expect(verdicts.evaluate(ordinal).verdict).toEqual(expected);
            expect(swept.has(transferId)).toBe(verdicts.knows(ordinal));
            if (verdicts.knows(ordinal)) expect(swept.get(transferId)).toEqual(expected);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
