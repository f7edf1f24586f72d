import type { TransferUnderEvaluation } from './transfer-under-evaluation.js';

/**
 * What legality reads of the transfers' events in the log (docs/design.md "Reading"). The
 * transfers slice's `TransferRecorded` and `TransferCorrected` events carry at least this; the
 * shapes live here so that the dependency runs one way only (transfers → legality).
 */

/** The data of a `TransferRecorded` event, as far as evaluation is concerned: the transfer and its Shanghai date. */
export type RecordedTransferFacts = TransferUnderEvaluation & { readonly transferId: string };

/** The values a correction may change (absent = unchanged). */
export interface CorrectedValues {
  readonly personalInfoSubjects?: number;
  readonly sensitivePersonalInfoSubjects?: number;
  readonly importantData?: boolean;
  readonly category?: string;
  readonly destination?: string;
}

/** The data of a `TransferCorrected` event: the given values replace the transfer's as of the event's position. */
export interface TransferCorrectionFacts {
  readonly transferId: string;
  readonly changes: CorrectedValues;
}
