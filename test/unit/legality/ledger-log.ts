import type { RecordedEvent } from '../../../src/event-store/event-store.port.js';
import type { DataEntry, PolicyEvent, Threshold } from '../../../src/policy/domain/policy.events.js';
import { factKeyOf } from '../../../src/legality/domain/policy-facts.js';
import { toTransferUnderEvaluation, type DeclaredTransfer, type TransferUnderEvaluation } from '../../../src/legality/domain/transfer-under-evaluation.js';
import type { Verdict } from '../../../src/legality/domain/verdict.js';
import { RecordedAtIndex } from '../../../src/knowledge-cut/recorded-at.index.js';
import { LegalityProjections } from '../../../src/legality/projections/legality.projections.js';
import type { TransferChanges } from '../../../src/transfers/domain/transfer.events.js';
import { uuidv5 } from '../../../src/common/ids.js';

/**
 * A global log built in a test and fed to the real legality projections and the knownAt index,
 * event by event, the way the store's subscription feeds them (positions 1, 2, 3, …; recordedAt one second apart from
 * `start`). Recording a transfer follows the transfers slice exactly: cut = head, verdict =
 * evaluateNew(t, cut), then append TransferRecorded with that verdict.
 */
export class LedgerLog {
  readonly projections = new LegalityProjections();
  /** The knownAt index, as KnowledgeCuts keeps it (src/knowledge-cut). */
  readonly knownAt = new RecordedAtIndex();
  readonly events: RecordedEvent[] = [];
  private readonly startMs: number;

  constructor(start = '2026-01-01T00:00:00Z') {
    this.startMs = Date.parse(start);
  }

  get head(): bigint {
    return BigInt(this.events.length);
  }

  /** The instant at which the event at `position` was recorded. */
  recordedAt(position: bigint): Date {
    return new Date(this.startMs + Number(position) * 1000);
  }

  append(stream: string, type: string, data: object): RecordedEvent {
    const position = this.head + 1n;
    const event: RecordedEvent = {
      id: uuidv5(`test-event:${position}`),
      type,
      stream,
      revision: 0n,
      position,
      recordedAt: this.recordedAt(position),
      data: JSON.parse(JSON.stringify(data)),
      metadata: {},
      hash: '',
    };
    this.events.push(event);
    this.projections.apply(event);
    this.knownAt.add(event.position, event.recordedAt);
    return event;
  }

  policy(...events: PolicyEvent[]): RecordedEvent {
    let last: RecordedEvent | undefined;
    for (const event of events) {
      const [kind, id] = factKeyOf(event).split(/:(.*)/s);
      last = this.append(`${kind}-${id}`, event.type, event.data);
    }
    return last!;
  }

  /** Records a transfer as the transfers slice does; answers the verdict stored with it and the event. */
  record(declared: DeclaredTransfer & { transferId: string }): { verdict: Verdict; event: RecordedEvent; transfer: TransferUnderEvaluation } {
    const transfer = toTransferUnderEvaluation(declared);
    const cut = this.head;
    const verdict = this.projections.evaluateNew(transfer, cut);
    const { date, ...declaration } = transfer;
    const event = this.append(`transfer-${transfer.transferId}`, 'TransferRecorded', { ...declaration, date, verdict });
    return { verdict, event, transfer };
  }

  correct(transferId: string, changes: TransferChanges): RecordedEvent {
    return this.append(`transfer-${transferId}`, 'TransferCorrected', { transferId, correctionId: `c${this.head + 1n}`, changes });
  }

  /** A hypothetical transfer's verdict as known at `cut` (default: now). */
  evaluate(declared: DeclaredTransfer, cut: bigint = this.head): Verdict {
    return this.projections.evaluateNew(toTransferUnderEvaluation(declared), cut);
  }
}

const icv = (category: string): DataEntry => ({ field: 'icv', category });

const THRESHOLDS_2022: Threshold[] = [
  { metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'security-assessment' },
  { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' },
];

/** The Lingang policy pack, docs/domain.md §5, as policy events. */
export const LINGANG_PACK: readonly PolicyEvent[] = [
  {
    type: 'RegimeEnacted',
    data: {
      regimeId: 'cn-2022-assessment-measures', title: 'Outbound data transfer security assessment measures', effectiveFrom: '2022-09-01',
      countingWindow: 'previous-and-current-calendar-year',
      thresholds: THRESHOLDS_2022,
      exemptPurposes: [],
    },
  },
  {
    type: 'RegimeEnacted',
    data: {
      regimeId: 'cn-2023-standard-contract', title: 'Standard contract measures', effectiveFrom: '2023-06-01',
      countingWindow: 'previous-and-current-calendar-year',
      // "adds personal information ≥ 1 → standard contract and sensitive ≥ 1 → standard contract to the 2022 thresholds"
      thresholds: [
        ...THRESHOLDS_2022,
        { metric: 'personalInfoSubjects', atLeast: 1, requirement: 'standard-contract' },
        { metric: 'sensitivePersonalInfoSubjects', atLeast: 1, requirement: 'standard-contract' },
      ],
      exemptPurposes: [],
    },
  },
  {
    type: 'RegimeEnacted',
    data: {
      regimeId: 'cn-2024-cross-border-provisions', title: 'Provisions on promoting and regulating cross-border data flows', effectiveFrom: '2024-03-22',
      countingWindow: 'calendar-year',
      thresholds: [
        { metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'standard-contract' },
        { metric: 'personalInfoSubjects', atLeast: 1_000_000, requirement: 'security-assessment' },
        { metric: 'sensitivePersonalInfoSubjects', atLeast: 1, requirement: 'standard-contract' },
        { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' },
      ],
      exemptPurposes: ['contract-necessity', 'cross-border-hr', 'emergency'],
    },
  },
  { type: 'DataDesignated', data: { designationId: 'cn-auto-data-conservative', field: 'icv', classification: 'important', effectiveFrom: '2021-10-01' } },
  { type: 'DataDesignated', data: { designationId: 'cn-auto-road-data', field: 'icv', category: 'road/exterior-video', classification: 'important', effectiveFrom: '2021-10-01' } },
  // One designation per category: a designation covers a field or one category of it.
  { type: 'DataDesignated', data: { designationId: 'cn-auto-road-data-trajectories', field: 'icv', category: 'road/fleet-trajectories', classification: 'important', effectiveFrom: '2021-10-01' } },
  {
    type: 'DataListPublished',
    data: {
      listId: 'lingang-gdl-2024', kind: 'general', title: 'Lingang general data list (pilot)', zones: ['cn-shanghai-lingang'],
      effectiveFrom: '2024-05-17', effectiveUntil: '2025-05-17', termMonths: 12,
      entries: [
        ...['manufacturing/production-management', 'manufacturing/parts-procurement', 'manufacturing/inventory', 'manufacturing/quality', 'manufacturing/logistics',
          'rnd/product-design', 'rnd/testing', 'after-sales/vehicle-basic-info', 'after-sales/service-records', 'after-sales/fault-analysis', 'used-car/vehicle-history'].map(icv),
        { field: 'public-funds', category: 'fund-market-research' },
        { field: 'biomedicine', category: 'clinical-trials-rnd' },
      ],
    },
  },
  { type: 'CompanyRegistered', data: { companyId: 'tesla-shanghai', zoneId: 'cn-shanghai-lingang', effectiveFrom: '2018-10-17' } },
];

/** A Tesla transfer of after-sales service records to Germany on a Shanghai date (noon there). */
export const tesla = (date: string, more: Partial<DeclaredTransfer> = {}): DeclaredTransfer => ({
  companyId: 'tesla-shanghai',
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'DE',
  occurredAt: `${date}T12:00:00+08:00`,
  ...more,
});
