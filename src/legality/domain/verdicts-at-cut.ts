import { startOfYear, type CalendarDate } from '../../common/time.js';
import { evaluate } from './legality.evaluator.js';
import type { PolicyView } from './policy-history.js';
import type { KnownTransfer, RecordedTransfers } from './recorded-transfers.js';
import { cutAsNumber, epochDay, type MetricSums } from './transfer-counts.js';
import type { TransferUnderEvaluation } from './transfer-under-evaluation.js';
import type { Verdict } from './verdict.js';

/** A recorded transfer as known at a cut, with its verdict as known then. */
export interface EvaluatedTransfer {
  /** Its rank in recording order (RecordedTransfers). */
  readonly ordinal: number;
  readonly transferId: string;
  /** Its values as corrected by the cut. */
  readonly transfer: TransferUnderEvaluation;
  /** The ledger position of its TransferRecorded event. */
  readonly position: number;
  readonly verdict: Verdict;
  /** The counts before it in its company's order from a date, as the evaluator asked them (to evaluate it again against other policy). */
  readonly countsBefore: (fromDate: CalendarDate) => MetricSums;
}

const ZERO: MetricSums = { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 };

/**
 * Verdicts of recorded transfers as known at one cut K (pure), for listings and reports: the same
 * evaluator and the same inputs as LegalityService.evaluateRecorded, so every verdict here equals
 * `GET /v1/transfers/{id}/legality?position=K`. Only transfers recorded at or before K are known.
 *
 * {@link sweep} walks one company's transfers in order and sums the cumulative counts once for
 * the whole run (prefix sums), where a single question sums its counting window afresh.
 */
export class VerdictsAtCut {
  private readonly at: number;

  constructor(
    private readonly transfers: RecordedTransfers,
    readonly policy: PolicyView,
    readonly cut: bigint,
  ) {
    this.at = cutAsNumber(cut);
  }

  /** Is the transfer with this ordinal known at the cut (recorded at or before it)? */
  knows(ordinal: number): boolean {
    return this.transfers.counts.keyOf(ordinal).position <= this.at;
  }

  /** The recorded transfer with its values as corrected by the cut. */
  known(ordinal: number): KnownTransfer {
    return this.transfers.knownAt(ordinal, this.at);
  }

  /** One recorded transfer's verdict at the cut (whether or not it is known then: callers check {@link knows}). */
  evaluate(ordinal: number, known: KnownTransfer = this.known(ordinal)): EvaluatedTransfer {
    const key = this.transfers.counts.keyOf(ordinal);
    const countsBefore = (fromDate: CalendarDate) => this.transfers.counts.cumulative(key.companyId, fromDate, key, this.at);
    const verdict = evaluate({ policy: this.policy, transfer: known.transfer, countsBefore, cut: this.cut });
    return { ordinal, transferId: this.transfers.idOf(ordinal), transfer: known.transfer, position: known.position, verdict, countsBefore };
  }

  /**
   * The company's transfers known at the cut and dated `from` through `to` (inclusive; absent:
   * unbounded), in its order (docs/domain.md §4 step 4: date, instant, position), each with its verdict.
   * `onEach` is told of every transfer passed, known or not (progress).
   */
  *sweep(companyId: string, from?: CalendarDate, to?: CalendarDate, onEach?: () => void): Generator<EvaluatedTransfer> {
    const order = this.transfers.counts.companyOrder(companyId);
    if (!order) return;
    const start = from === undefined ? 0 : order.firstOnOrAfter(epochDay(from));
    const end = to === undefined ? order.size : order.firstOnOrAfter(epochDay(to) + 1);
    if (start >= end) return;
    // Every counting window of a transfer dated from `from` on starts on or after 1 January of the year before.
    const base = from === undefined ? 0 : order.firstOnOrAfter(epochDay(startOfYear(from, 1)));
    const personal = new Float64Array(end - base + 1);
    const sensitive = new Float64Array(end - base + 1);
    const { at } = this;
    for (let i = base; i < end; i++) {
      let p = 0;
      let s = 0;
      if (order.position.array[i] <= at) {
        if (order.corrected.array[i] === 1) {
          const counts = this.transfers.counts.countsAsOf(order.ordinal.array[i], at);
          p = counts.personalInfoSubjects;
          s = counts.sensitivePersonalInfoSubjects;
        } else {
          p = order.personal.array[i];
          s = order.sensitive.array[i];
        }
      }
      personal[i - base + 1] = personal[i - base] + p;
      sensitive[i - base + 1] = sensitive[i - base] + s;
    }
    for (let i = start; i < end; i++) {
      onEach?.();
      if (order.position.array[i] > at) continue;
      const ordinal = order.ordinal.array[i];
      const known = this.transfers.knownAt(ordinal, at);
      const index = i;
      const countsBefore = (fromDate: CalendarDate): MetricSums => {
        const first = Math.max(base, order.firstOnOrAfter(epochDay(fromDate)));
        if (first >= index) return ZERO;
        // Prefix sums in doubles are exact while they stay within 2^53 − 1 (transfer-counts.ts
        // TransferCounts.cumulative says why); beyond, ask the exact sum for this one.
        if (personal[index - base] > Number.MAX_SAFE_INTEGER || sensitive[index - base] > Number.MAX_SAFE_INTEGER) {
          return this.transfers.counts.cumulative(companyId, fromDate, this.transfers.counts.keyOf(ordinal), at);
        }
        return {
          personalInfoSubjects: personal[index - base] - personal[first - base],
          sensitivePersonalInfoSubjects: sensitive[index - base] - sensitive[first - base],
        };
      };
      const verdict = evaluate({ policy: this.policy, transfer: known.transfer, countsBefore, cut: this.cut });
      yield { ordinal, transferId: this.transfers.idOf(ordinal), transfer: known.transfer, position: known.position, verdict, countsBefore };
    }
  }

  /** How many transfers of the company are dated `from` through `to` (known at the cut or not): a report's progress total. */
  countDated(companyId: string, from?: CalendarDate, to?: CalendarDate): number {
    const order = this.transfers.counts.companyOrder(companyId);
    if (!order) return 0;
    const start = from === undefined ? 0 : order.firstOnOrAfter(epochDay(from));
    const end = to === undefined ? order.size : order.firstOnOrAfter(epochDay(to) + 1);
    return Math.max(0, end - start);
  }
}
