import type { CalendarDate } from '../../common/time.js';
import type { Purpose } from '../../common/terms.js';
import type { CorrectedValues, RecordedTransferFacts, TransferCorrectionFacts } from '../../legality/domain/transfer-facts.js';
import type { StoredVerdict } from '../../legality/domain/verdict.js';

/**
 * Transfer events (docs/domain.md §3). A recording is appended to its company's stream
 * `transfers-of-<companyId>` (docs/design.md "Writing"); corrections to the transfer's own stream
 * `transfer-<transferId>`, which also holds the recording of a transfer recorded before that.
 *
 * Time axes: `occurredAt` is an instant in valid time (when the data left); `date` is its
 * Shanghai calendar date, derived once at recording. Record time is the event's log position.
 */

/** What a service declares about a transfer: the body of `POST /v1/transfers`, defaults applied. */
export interface TransferDeclaration {
  readonly transferId: string;
  readonly companyId: string;
  readonly field: string;
  readonly category: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly destination: string;
  /** ISO 8601 instant with offset, as sent. */
  readonly occurredAt: string;
  readonly personalInfoSubjects: number;
  readonly sensitivePersonalInfoSubjects: number;
  readonly importantData: boolean;
  readonly purpose: Purpose;
}

/** The parts of a transfer a correction may change (the values legality re-reads: transfer-facts.ts). */
export type TransferChanges = CorrectedValues;

/**
 * A transfer was recorded, with the verdict the ledger gave at that moment. The verdict is never
 * rewritten; later questions recompute and compare (`recordedVerdict`, `changed`). Verdicts
 * recorded before verdicts had `notes` have none: read them through `recordedVerdictOf`.
 */
export interface TransferRecorded {
  readonly type: 'TransferRecorded';
  readonly data: TransferDeclaration & { readonly date: CalendarDate; readonly verdict: StoredVerdict };
}

/** A correction: the given values replace the transfer's values as of this event's position. */
export interface TransferCorrected {
  readonly type: 'TransferCorrected';
  readonly data: { readonly transferId: string; readonly correctionId: string; readonly changes: TransferChanges };
}

export type TransferEvent = TransferRecorded | TransferCorrected;

export const transferStream = (transferId: string): string => `transfer-${transferId}`;
export { companyTransfersStream } from '../../legality/domain/transfer-facts.js';

// Legality reads these events through its own shapes (transfer-facts.ts): the compiler refuses an
// event change that legality could no longer read.
type Holds<T extends true> = T;
export type ReadableByLegality = Holds<TransferRecorded['data'] extends RecordedTransferFacts ? (TransferCorrected['data'] extends TransferCorrectionFacts ? true : false) : false>;
