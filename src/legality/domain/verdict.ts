import type { CalendarDate } from '../../common/time.js';
import type { Requirement } from '../../common/terms.js';

/** One fact that decided an outcome: which fact, which event gave it that content, and what it did. */
export interface BasisCitation {
  readonly factId: string;
  readonly eventId: string;
  /** Ledger position of that event, as a decimal string. */
  readonly position: string;
  /** What it did, in words: "entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative". */
  readonly effect: string;
}

/**
 * Machine-readable notes on what the ledger did not know (docs/api.md, verdict shape), so that a
 * report can tell "legal because nothing was known" from a clearance:
 * - `no-regime-in-force`: the evaluation came to the regime's thresholds (docs/domain.md §4 step 4)
 *   and no regime held the transfer's date as known at the cut;
 * - `no-policy-known`: nothing of policy (no regime, designation, data list, company or
 *   instrument) was recorded at or before the cut.
 */
export type VerdictNote = 'no-regime-in-force' | 'no-policy-known';
/** Every note, in the order a verdict lists them. */
export const VERDICT_NOTES: readonly VerdictNote[] = ['no-regime-in-force', 'no-policy-known'];

/**
 * A cumulative count in a verdict: a JSON number up to 2^53 − 1, a decimal string beyond (exact
 * either way: src/common/counts.ts; such a sum needs more than 900,719 transfers of 10^10 people).
 */
export type VerdictCount = number | string;

/**
 * The log a verdict was computed from, as a Merkle tree (docs/api.md §8, §9 "Sealed log"): the
 * number of ledger events at or before the cut and their RFC 9162 root, so that a checkpoint and
 * a consistency proof show the verdict's cut belongs to the log.
 */
export interface VerdictSeal {
  readonly treeSize: number;
  /** Hex SHA-256 Merkle root of the first `treeSize` ledger events. */
  readonly rootHash: string;
}

/** The answer to "was this transfer legal on its date, as known at this position" (docs/api.md, docs/domain.md §4). */
export interface Verdict {
  readonly legal: boolean;
  readonly requirement: Requirement;
  readonly classification: 'general' | 'important' | 'core';
  /** The transfer's Shanghai date (valid time). */
  readonly date: CalendarDate;
  /** The knowledge cut (record time) as a decimal ledger position; "0" for an empty ledger. */
  readonly position: string;
  /** Ids of the instruments that satisfy the requirement (empty when none is needed or none holds). */
  readonly satisfiedBy: readonly string[];
  /** The company's cumulative counts used for the regime's thresholds, this transfer included. */
  readonly cumulative: { readonly personalInfoSubjects: VerdictCount; readonly sensitivePersonalInfoSubjects: VerdictCount };
  readonly basis: readonly BasisCitation[];
  /** {@link VerdictNote}s in {@link VERDICT_NOTES} order; empty when none. The explanation says the same in words. */
  readonly notes: readonly VerdictNote[];
  /** One readable sentence (and one more per note the sentence does not already state). */
  readonly explanation: string;
  /**
   * The tree of the cut. Every verdict the ledger computes names it (LegalityService adds it: the
   * evaluator knows nothing of the log's hashes); verdicts recorded before seals existed have none.
   */
  readonly seal?: VerdictSeal;
}

/** A verdict as a `TransferRecorded` event stores it: verdicts recorded before notes existed have none. */
export type StoredVerdict = Omit<Verdict, 'notes'> & { readonly notes?: readonly VerdictNote[] };

/** A recorded verdict as the ledger presents it: an absent `notes` reads as empty (the event is never rewritten). */
export const recordedVerdictOf = (stored: StoredVerdict): Verdict => (stored.notes === undefined ? { ...stored, notes: [] } : (stored as Verdict));
