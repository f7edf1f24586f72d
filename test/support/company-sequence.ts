import type { RecordedEvent } from '../../src/event-store/event-store.port.js';

/**
 * The scenario of docs/design.md "Recording a transfer: one sequence per company", shared by the
 * tests with several ledger processes or instances: transfers of one company, each of
 * {@link PER_TRANSFER} people, all at the same instant (so the log order is the counting order),
 * across the 100,000-person threshold of the 2024 provisions (docs/domain.md §5).
 */
export const PER_TRANSFER = 5_000;

export const sequenceTransfer = (transferId: string, companyId: string) => ({
  transferId,
  companyId,
  field: 'hr',
  category: 'payroll',
  destination: 'US',
  occurredAt: '2025-06-01T10:00:00+08:00',
  personalInfoSubjects: PER_TRANSFER,
});

/** The 2024 provisions' requirement for a cumulative count of people. */
const requirementFor = (people: number): string => (people >= 1_000_000 ? 'security-assessment' : people >= 100_000 ? 'standard-contract' : 'none');

/**
 * What each recording of the company in the log says it counted, beside what it must count: the
 * k-th (from 1) counts 5,000 × k people and has the requirement that gives. A verdict evaluated
 * at a cut that missed a concurrent recording counts less.
 */
export function countedAndExpected(recordings: readonly RecordedEvent[]) {
  const counted = recordings.map((event) => {
    const verdict = event.data.verdict as { requirement: string; cumulative: { personalInfoSubjects: number | string } };
    return { transferId: event.data.transferId, people: Number(verdict.cumulative.personalInfoSubjects), requirement: verdict.requirement };
  });
  const expected = recordings.map((event, k) => ({ transferId: event.data.transferId, people: PER_TRANSFER * (k + 1), requirement: requirementFor(PER_TRANSFER * (k + 1)) }));
  return { counted, expected };
}

/** The company's recordings in log order. */
export const recordingsOf = (log: readonly RecordedEvent[], companyId: string): RecordedEvent[] =>
  log.filter((event) => event.type === 'TransferRecorded' && event.data.companyId === companyId);
