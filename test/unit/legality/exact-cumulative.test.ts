import { describe, expect, it } from '@jest/globals';
import { evaluate } from '../../../src/legality/domain/legality.evaluator.js';
import { PolicyHistory } from '../../../src/legality/domain/policy-history.js';
import { TransferCounts } from '../../../src/legality/domain/transfer-counts.js';
import { toTransferUnderEvaluation } from '../../../src/legality/domain/transfer-under-evaluation.js';
import { addCount, MAX_COUNT } from '../../../src/common/counts.js';

/**
 * Cumulative counts are exact at any size (transfer-counts.ts `cumulative`, the argument in its
 * comment): with every count at most 10^10, sums up to 2^53 − 1 are exact in doubles, and a sum
 * beyond — more than 900,719 transfers of 10^10 people — is taken in bigints and shown in
 * verdicts as a decimal string. (The 900,720 transfers take a few seconds under jest.)
 */
const key = (position: number) => ({ date: '2024-03-01', occurredAtMs: Date.parse('2024-03-01T12:00:00+08:00'), position });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The fewest transfers of 10^10 people whose sum passes 2^53 − 1. */
const BEYOND = Number(MAX_SAFE / BigInt(MAX_COUNT)) + 1; // 900,720

describe('exact cumulative counts', () => {
  it('adds a count to a sum exactly, switching to bigint past 2^53 − 1', () => {
    expect(addCount(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(addCount(Number.MAX_SAFE_INTEGER, 1)).toBe(MAX_SAFE + 1n);
    // In doubles 2^53 + 1 reads as 2^53.
    expect(addCount(Number.MAX_SAFE_INTEGER, 2)).toBe(MAX_SAFE + 2n);
    expect(addCount(MAX_SAFE + 1n, MAX_COUNT)).toBe(MAX_SAFE + 1n + BigInt(MAX_COUNT));
  });

  it('sums 900,720 transfers of 10^10 people exactly, as a bigint; 900,719 as a number', () => {
    const counts = new TransferCounts();
    for (let i = 1; i <= BEYOND; i++) counts.record(`t${i}`, 'acme', key(i), { personalInfoSubjects: MAX_COUNT, sensitivePersonalInfoSubjects: i === 1 ? 1 : 0 });
    counts.correct('t1', BEYOND + 1, { sensitivePersonalInfoSubjects: 2 });
    const all = counts.cumulative('acme', '2024-01-01', key(Infinity), BEYOND + 1);
    // A double sum would read 9007200000000000 as well, and as many neighbours: the bigint is exact.
    expect(all).toEqual({ personalInfoSubjects: BigInt(BEYOND) * BigInt(MAX_COUNT), sensitivePersonalInfoSubjects: 2 });
    expect(counts.cumulative('acme', '2024-01-01', key(BEYOND), BEYOND)).toEqual({ personalInfoSubjects: (BEYOND - 1) * MAX_COUNT, sensitivePersonalInfoSubjects: 1 });
  });

  it('gives a verdict the exact sum, as a decimal string beyond 2^53 − 1', () => {
    const policy = new PolicyHistory();
    policy.apply({
      eventId: 'e1',
      position: 1n,
      event: {
        type: 'RegimeEnacted',
        data: {
          regimeId: 'r',
          title: 'r',
          effectiveFrom: '2024-01-01',
          countingWindow: 'calendar-year',
          thresholds: [{ metric: 'personalInfoSubjects', atLeast: MAX_COUNT, requirement: 'security-assessment' }],
          exemptPurposes: [],
        },
      },
    });
    const transfer = toTransferUnderEvaluation({ companyId: 'acme', field: 'f', category: 'c', destination: 'DE', occurredAt: '2024-03-01T12:00:00+08:00', personalInfoSubjects: MAX_COUNT });
    const before = BigInt(BEYOND) * BigInt(MAX_COUNT);
    const verdict = evaluate({ policy: policy.viewAt(1n), transfer, countsBefore: () => ({ personalInfoSubjects: before, sensitivePersonalInfoSubjects: 0 }), cut: 1n });
    // 900,721 × 10^10 = 9,007,210,000,000,000 > 2^53 − 1 = 9,007,199,254,740,991.
    expect(verdict.cumulative).toEqual({ personalInfoSubjects: '9007210000000000', sensitivePersonalInfoSubjects: 0 });
    expect(verdict).toMatchObject({ requirement: 'security-assessment', legal: false });
    expect(verdict.explanation).toContain('cumulative 9007210000000000 personal information subjects reach 10000000000');
  });
});
