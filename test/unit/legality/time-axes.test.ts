import type { PolicyEvent } from '../../../src/policy/domain/policy.events.js';
import type { CountingWindow } from '../../../src/common/terms.js';
import type { DeclaredTransfer } from '../../../src/legality/domain/transfer-under-evaluation.js';
import { NotFound } from '../../../src/common/errors.js';
import { LedgerLog, LINGANG_PACK, tesla } from './ledger-log.js';

/** docs/domain.md §2 (valid time in Shanghai dates, record time in positions) and §4 step 4 (counting). */

const ACME = 'acme';
const counting = (countingWindow: CountingWindow, effectiveFrom = '2020-01-01'): PolicyEvent => ({
  type: 'RegimeEnacted',
  data: {
    regimeId: `counting-${countingWindow}`, title: 'counting', effectiveFrom, countingWindow,
    thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100, requirement: 'standard-contract' }],
    exemptPurposes: [],
  },
});
let ids = 0;
const transfer = (occurredAt: string, personalInfoSubjects: number, more: Partial<DeclaredTransfer> = {}) => ({
  transferId: `t${++ids}`, companyId: ACME, field: 'retail', category: 'orders', destination: 'US', occurredAt, personalInfoSubjects, ...more,
});

describe('valid time: Shanghai dates of instants', () => {
  const log = new LedgerLog();
  log.policy(...LINGANG_PACK);

  it.each([
    ['2024-05-16T15:59:59Z', '2024-05-16', false],
    ['2024-05-16T16:00:00Z', '2024-05-17', true],
    ['2024-05-17T00:30:00+09:00', '2024-05-16', false],
    ['2024-05-16T12:00:00-05:00', '2024-05-17', true],
    ['2024-05-17T00:00:00+08:00', '2024-05-17', true],
    ['2025-05-16T17:30:00Z', '2025-05-17', false],
    ['2025-05-16T23:59:59.999+08:00', '2025-05-16', true],
  ])('%s falls on %s (legal: %s)', (occurredAt, date, legal) => {
    expect(log.evaluate(tesla('2000-01-01', { occurredAt }))).toMatchObject({ date, legal });
  });
});

describe('valid time: half-open intervals', () => {
  it('a regime is in force from its first day, and the one before it up to the day before', () => {
    const log = new LedgerLog();
    log.policy(...LINGANG_PACK);
    // 2023 regime: any personal information needs a standard contract; 2024 regime: 100,000 and more.
    expect(log.evaluate(tesla('2024-03-21', { field: 'retail', personalInfoSubjects: 10 })).requirement).toBe('standard-contract');
    expect(log.evaluate(tesla('2024-03-22', { field: 'retail', personalInfoSubjects: 10 })).requirement).toBe('none');
  });
});

describe('counting windows at year boundaries', () => {
  it('calendar-year: 1 January of the date’s year through the date', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    log.record(transfer('2024-12-31T12:00:00+08:00', 60));
    expect(log.evaluate(transfer('2024-12-31T13:00:00+08:00', 40))).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 100 } });
    // 2024-12-31T17:00Z is already 2025-01-01 in Shanghai: a new year, a new count.
    expect(log.evaluate(transfer('2024-12-31T17:00:00Z', 40))).toMatchObject({ date: '2025-01-01', requirement: 'none', cumulative: { personalInfoSubjects: 40 } });
  });

  it('previous-and-current-calendar-year: from 1 January of the year before', () => {
    const log = new LedgerLog();
    log.policy(counting('previous-and-current-calendar-year'));
    log.record(transfer('2022-12-31T23:00:00+08:00', 30));
    log.record(transfer('2023-01-01T00:00:00+08:00', 30));
    expect(log.evaluate(transfer('2024-12-31T12:00:00+08:00', 40))).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 70 } });
    expect(log.evaluate(transfer('2023-12-31T12:00:00+08:00', 40))).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 100 } });
    expect(log.evaluate(transfer('2025-01-01T00:00:00+08:00', 90))).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 90 } });
  });
});

describe('order of transfers within a day', () => {
  it('by occurredAt: a transfer counts those that occurred earlier that day, not later ones', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    const late = log.record(transfer('2024-06-01T18:00:00+08:00', 60));
    const early = log.record(transfer('2024-06-01T09:00:00+08:00', 60)); // recorded later, occurred earlier
    expect(late.verdict).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 60 } });
    expect(early.verdict).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 60 } });
    // Now known: the late one comes after the early one and reaches 120.
    expect(log.projections.evaluateRecorded(late.transfer.transferId!, log.head)).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 120 } });
    expect(log.projections.evaluateRecorded(early.transfer.transferId!, log.head)).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 60 } });
  });

  it('by ledger position for the same instant; a new transfer comes after every known one', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    const instant = '2024-06-01T12:00:00+08:00';
    const first = log.record(transfer(instant, 60));
    const second = log.record(transfer('2024-06-01T04:00:00Z', 60)); // the same instant, written in UTC
    expect(second.verdict).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 120 } });
    expect(log.projections.evaluateRecorded(first.transfer.transferId!, log.head)).toMatchObject({ cumulative: { personalInfoSubjects: 60 } });
    expect(log.evaluate(transfer(instant, 1))).toMatchObject({ cumulative: { personalInfoSubjects: 121 } });
  });
});

describe('record time: knowledge cuts', () => {
  it('corrections count with the values recorded by the cut', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    const a = log.record(transfer('2024-03-01T12:00:00+08:00', 80));
    const b = log.record(transfer('2024-06-01T12:00:00+08:00', 30));
    expect(b.verdict).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 110 } });
    const correction = log.correct(a.transfer.transferId!, { personalInfoSubjects: 20 });
    const bId = b.transfer.transferId!;
    expect(log.projections.evaluateRecorded(bId, correction.position - 1n)).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 110 } });
    expect(log.projections.evaluateRecorded(bId, correction.position)).toMatchObject({ requirement: 'none', cumulative: { personalInfoSubjects: 50 } });
    // A correction of the transfer itself: its own values as known at the cut.
    const own = log.correct(bId, { personalInfoSubjects: 90, category: 'returns', destination: 'JP' });
    expect(log.projections.evaluateRecorded(bId, own.position)).toMatchObject({ requirement: 'standard-contract', cumulative: { personalInfoSubjects: 110 } });
    expect(log.projections.evaluateRecorded(bId, own.position - 1n).cumulative.personalInfoSubjects).toBe(50);
  });

  it('a back-filled transfer changes a later verdict as known now, not as known then', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    const later = log.record(transfer('2024-06-01T12:00:00+08:00', 60));
    log.record(transfer('2024-05-01T12:00:00+08:00', 60)); // back-filled
    const id = later.transfer.transferId!;
    expect(log.projections.evaluateRecorded(id, log.head)).toMatchObject({ requirement: 'standard-contract', legal: false, cumulative: { personalInfoSubjects: 120 } });
    expect(log.projections.evaluateRecorded(id, BigInt(later.verdict.position))).toEqual(later.verdict);
  });

  it('a retroactive amendment changes a past verdict as known now, not as known at the earlier cut', () => {
    const log = new LedgerLog();
    log.policy(...LINGANG_PACK);
    const recorded = log.record({ ...tesla('2024-06-01'), transferId: 'svc-1' });
    expect(recorded.verdict).toMatchObject({ legal: true, requirement: 'none' });
    // The list is amended retroactively: after-sales service records were never on it.
    const published = LINGANG_PACK.find((e) => e.type === 'DataListPublished')!;
    if (published.type !== 'DataListPublished') throw new Error('pack changed');
    const amendment = log.policy({
      type: 'DataListAmended',
      data: { ...published.data, entries: published.data.entries.filter((e) => e.category !== 'after-sales/service-records') },
    });
    const now = log.projections.evaluateRecorded('svc-1', log.head);
    expect(now).toMatchObject({ legal: false, requirement: 'security-assessment', position: amendment.position.toString() });
    expect(log.projections.evaluateRecorded('svc-1', BigInt(recorded.verdict.position))).toEqual(recorded.verdict);
  });

  it('a transfer recorded after the cut is evaluated as recorded, as if new; an unknown one is NotFound', () => {
    const log = new LedgerLog();
    log.policy(counting('calendar-year'));
    const cut = log.head;
    log.record(transfer('2024-06-01T12:00:00+08:00', 60));
    const t = log.record(transfer('2024-06-02T12:00:00+08:00', 50));
    log.correct(t.transfer.transferId!, { personalInfoSubjects: 10 });
    expect(log.projections.evaluateRecorded(t.transfer.transferId!, cut)).toMatchObject({ position: cut.toString(), requirement: 'none', cumulative: { personalInfoSubjects: 50 } });
    expect(() => log.projections.evaluateRecorded('never-recorded', log.head)).toThrow(NotFound);
  });

  it('knownAt maps to the last position recorded at or before the instant', () => {
    const log = new LedgerLog('2026-01-01T00:00:00Z');
    log.policy(...LINGANG_PACK);
    expect(log.knownAt.positionAt(Date.parse('2025-12-31T23:59:59Z'))).toBe(0n);
    expect(log.knownAt.positionAt(Date.parse('2026-01-01T00:00:03.500Z'))).toBe(3n);
    expect(log.knownAt.positionAt(Date.parse('2030-01-01T00:00:00Z'))).toBe(log.head);
  });

  it('the replay guarantee: every recorded verdict is given again at its own cut, whatever came after', () => {
    const log = new LedgerLog();
    log.policy(...LINGANG_PACK);
    const recorded = [
      log.record({ ...tesla('2024-05-16', { personalInfoSubjects: 50_000 }), transferId: 'r1' }),
      log.record({ ...tesla('2024-06-01', { personalInfoSubjects: 60_000 }), transferId: 'r2' }),
    ];
    log.policy({ type: 'InstrumentGranted', data: { instrumentId: 'scc', companyId: 'tesla-shanghai', kind: 'standard-contract', scope: {}, effectiveFrom: '2024-01-01', effectiveUntil: '2026-01-01' } });
    recorded.push(log.record({ ...tesla('2024-05-20', { personalInfoSubjects: 70_000 }), transferId: 'r3' }));
    log.correct('r1', { personalInfoSubjects: 1 });
    log.policy({ type: 'DataListTerminated', data: { listId: 'lingang-gdl-2024', effectiveUntil: '2024-05-18' } });
    for (const { verdict, transfer: t } of recorded) {
      expect(log.projections.evaluateRecorded(t.transferId!, BigInt(verdict.position))).toEqual(verdict);
    }
    expect(log.projections.evaluateRecorded('r2', log.head)).not.toEqual(recorded[1].verdict);
  });
});
