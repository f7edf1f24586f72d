import type { Requirement } from '../../common/terms.js';
import type { TransferUnderEvaluation } from './transfer-under-evaluation.js';

/**
 * What legality reads of the transfers' events in the log (docs/design.md "Reading"). The
 * transfers slice's `TransferRecorded` and `TransferCorrected` events carry at least this; the
 * shapes live here so that the dependency runs one way only (transfers → legality).
 */

/** The aspects of the verdict recorded with a transfer that decide whether a later answer `changed` (docs/api.md §6). */
export interface RecordedOutcome {
  readonly legal: boolean;
  readonly requirement: Requirement;
  readonly classification: 'general' | 'important' | 'core';
  readonly satisfiedBy: readonly string[];
}

/**
 * The data of a `TransferRecorded` event, as far as the read model is concerned: the transfer,
 * its Shanghai date, and the verdict recorded with it (evaluation never reads that verdict; the
 * listings and reports compare with it).
 */
export type RecordedTransferFacts = TransferUnderEvaluation & { readonly transferId: string; readonly verdict?: RecordedOutcome };

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

/**
 * The stream every `TransferRecorded` of a company is appended to (docs/design.md "Writing"):
 * one stream per company, so that its last revision is the company's transfer sequence, and a
 * recording that appends with the revision its cut saw cannot miss a concurrent recording of the
 * same company by another writer. Named here because the read model tracks that revision for the
 * recorder. Recordings made before it sit in `transfer-<id>`; both layouts are read.
 */
export const COMPANY_TRANSFERS_PREFIX = 'transfers-of-';
export const companyTransfersStream = (companyId: string): string => `${COMPANY_TRANSFERS_PREFIX}${companyId}`;
