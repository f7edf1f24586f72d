import type { CalendarDate } from '../../shared/time.js';
import type { Requirement } from '../../shared/terms.js';

/** One fact that decided an outcome: which fact, which event gave it that content, and what it did. */
export interface BasisCitation {
  readonly factId: string;
  readonly eventId: string;
  /** Ledger position of that event, as a decimal string. */
  readonly position: string;
  /** What it did, in words: "entry icv/after-sales/service-records of lingang-gdl-2024 lifted important designation cn-auto-data-conservative". */
  readonly effect: string;
}

/** The answer to "was this transfer legal on its date, as known at this position" (CONTRACT.md, DOMAIN.md §4). */
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
  readonly cumulative: { readonly personalInfoSubjects: number; readonly sensitivePersonalInfoSubjects: number };
  readonly basis: readonly BasisCitation[];
  /** One readable sentence. */
  readonly explanation: string;
}
