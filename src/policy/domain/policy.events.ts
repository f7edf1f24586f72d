import type { CalendarDate } from '../../common/time.js';
import type { Requirement, Metric, CountingWindow, Purpose, Classification, DataListKind, InstrumentKind } from '../../common/terms.js';

/**
 * Policy events: what regulators record (docs/domain.md §3). Every fact lives in its own stream
 * (see policy.streams.ts) and every change is a new event; nothing is rewritten.
 *
 * Time axes: every `CalendarDate` field below is **valid time** (a Shanghai calendar date,
 * half-open intervals: `effectiveFrom` is the first day in force, `effectiveUntil` the first day
 * no longer in force, absent = open-ended). Record time is the event's position in the log.
 *
 * Amendments carry the full new content of the fact and replace its previous content as of the
 * position at which they are recorded (they may be retroactive in valid time).
 */


/** A regime threshold: fires when the transfer carries `metric` and the cumulative count reaches `atLeast`. */
export interface Threshold {
  readonly metric: Metric;
  readonly atLeast: number;
  /** `standard-contract` or `security-assessment`. */
  readonly requirement: Requirement;
}

/** A data list entry: a whole field (no category) or one category of a field. Categories match exactly. */
export interface DataEntry {
  readonly field: string;
  readonly category?: string;
}

/** Instrument scope; an empty or absent list means "all" along that axis (see docs/domain.md §3). */
export interface InstrumentScope {
  readonly fields?: readonly string[];
  readonly categories?: readonly { readonly field: string; readonly category: string }[];
  /** ISO 3166-1 alpha-2 codes. */
  readonly destinations?: readonly string[];
}

// ---- regimes (stream regime-<regimeId>) ----

/** The content of a regime: the body of `POST /v1/regimes` and `PUT /v1/regimes/{id}`. */
export interface RegimeContent {
  readonly regimeId: string;
  readonly title: string;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
  readonly countingWindow: CountingWindow;
  readonly thresholds: readonly Threshold[];
  readonly exemptPurposes: readonly Purpose[];
}

/** A national regime was enacted. */
export interface RegimeEnacted { readonly type: 'RegimeEnacted'; readonly data: RegimeContent }
/** A regime's content was replaced (possibly retroactively). */
export interface RegimeAmended { readonly type: 'RegimeAmended'; readonly data: RegimeContent }
/** A regime ceases to be in force from `effectiveFrom` (valid time). */
export interface RegimeRepealed { readonly type: 'RegimeRepealed'; readonly data: { readonly regimeId: string; readonly effectiveFrom: CalendarDate } }

// ---- designations (stream designation-<designationId>) ----

/** The content of a designation: the body of `POST /v1/designations`. No category = the whole field. */
export interface DesignationContent {
  readonly designationId: string;
  readonly field: string;
  readonly category?: string;
  readonly classification: Classification;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
}

export interface DataDesignated { readonly type: 'DataDesignated'; readonly data: DesignationContent }
export interface DesignationAmended { readonly type: 'DesignationAmended'; readonly data: DesignationContent }
/** The designation no longer applies from `effectiveFrom` (valid time). */
export interface DesignationLifted { readonly type: 'DesignationLifted'; readonly data: { readonly designationId: string; readonly effectiveFrom: CalendarDate } }

// ---- data lists (stream data-list-<listId>) ----

/**
 * The content of a data list: the body of `POST /v1/data-lists`, with the term resolved:
 * `effectiveUntil` is always set when the body gave `termMonths` (effectiveFrom + termMonths);
 * `termMonths` is kept for the record.
 */
export interface DataListContent {
  readonly listId: string;
  readonly kind: DataListKind;
  readonly title: string;
  readonly zones: readonly string[];
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
  readonly termMonths?: number;
  readonly entries: readonly DataEntry[];
}

export interface DataListPublished { readonly type: 'DataListPublished'; readonly data: DataListContent }
/**
 * The list's own content replaced: kind, title, zones, term and its published entries.
 * Expansions and withdrawals recorded before it still apply on top of the new entries;
 * extensions and terminations recorded before it are superseded by the amended term.
 */
export interface DataListAmended { readonly type: 'DataListAmended'; readonly data: DataListContent }
/** Entries added from `effectiveFrom` (valid time) until the list's term ends. */
export interface DataListExpanded { readonly type: 'DataListExpanded'; readonly data: { readonly listId: string; readonly effectiveFrom: CalendarDate; readonly entries: readonly DataEntry[] } }
/** Entries no longer on the list from `effectiveFrom` (valid time). */
export interface DataListEntriesWithdrawn { readonly type: 'DataListEntriesWithdrawn'; readonly data: { readonly listId: string; readonly effectiveFrom: CalendarDate; readonly entries: readonly DataEntry[] } }
/** The term now ends at `effectiveUntil` (later than before). */
export interface DataListExtended { readonly type: 'DataListExtended'; readonly data: { readonly listId: string; readonly effectiveUntil: CalendarDate; readonly previousUntil?: CalendarDate } }
/** The term ends early, at `effectiveUntil` (earlier than before). */
export interface DataListTerminated { readonly type: 'DataListTerminated'; readonly data: { readonly listId: string; readonly effectiveUntil: CalendarDate; readonly previousUntil?: CalendarDate } }
/**
 * Appended by the expiry scheduler once the clock has passed the term end: a timeline marker.
 * Evaluation never depends on it (the term end is known from the other events). Its event id is
 * deterministic (listId + effectiveUntil) so a second scheduler's append is a no-op. One per
 * term end that passed: a renewal whose new end passes too gets its own; none is ever withdrawn.
 */
export interface DataListExpired { readonly type: 'DataListExpired'; readonly data: { readonly listId: string; readonly effectiveUntil: CalendarDate } }

// ---- companies (stream company-<companyId>) ----

export interface CompanyRegistered { readonly type: 'CompanyRegistered'; readonly data: { readonly companyId: string; readonly zoneId: string; readonly effectiveFrom: CalendarDate; readonly effectiveUntil?: CalendarDate } }
/** The registration in `zoneId` ends from `effectiveFrom` (valid time). */
export interface CompanyDeregistered { readonly type: 'CompanyDeregistered'; readonly data: { readonly companyId: string; readonly zoneId: string; readonly effectiveFrom: CalendarDate } }
/** The company is a critical information infrastructure operator from `effectiveFrom`. */
export interface CompanyDesignatedCiio { readonly type: 'CompanyDesignatedCiio'; readonly data: { readonly companyId: string; readonly effectiveFrom: CalendarDate } }
/** The company is no longer a CIIO from `effectiveFrom`. */
export interface CompanyCiioLifted { readonly type: 'CompanyCiioLifted'; readonly data: { readonly companyId: string; readonly effectiveFrom: CalendarDate } }

// ---- instruments (stream instrument-<instrumentId>) ----

export interface InstrumentContent {
  readonly instrumentId: string;
  readonly companyId: string;
  readonly kind: InstrumentKind;
  readonly scope: InstrumentScope;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil: CalendarDate;
}

export interface InstrumentGranted { readonly type: 'InstrumentGranted'; readonly data: InstrumentContent }
export interface InstrumentAmended { readonly type: 'InstrumentAmended'; readonly data: InstrumentContent }
/** The instrument no longer holds from `effectiveFrom` (valid time). */
export interface InstrumentRevoked { readonly type: 'InstrumentRevoked'; readonly data: { readonly instrumentId: string; readonly effectiveFrom: CalendarDate } }

export type RegimeEvent = RegimeEnacted | RegimeAmended | RegimeRepealed;
export type DesignationEvent = DataDesignated | DesignationAmended | DesignationLifted;
export type DataListEvent =
  | DataListPublished
  | DataListAmended
  | DataListExpanded
  | DataListEntriesWithdrawn
  | DataListExtended
  | DataListTerminated
  | DataListExpired;
export type CompanyEvent = CompanyRegistered | CompanyDeregistered | CompanyDesignatedCiio | CompanyCiioLifted;
export type InstrumentEvent = InstrumentGranted | InstrumentAmended | InstrumentRevoked;

export type PolicyEvent = RegimeEvent | DesignationEvent | DataListEvent | CompanyEvent | InstrumentEvent;
export type PolicyEventType = PolicyEvent['type'];

export const POLICY_EVENT_TYPES: readonly PolicyEventType[] = [
  'RegimeEnacted', 'RegimeAmended', 'RegimeRepealed',
  'DataDesignated', 'DesignationAmended', 'DesignationLifted',
  'DataListPublished', 'DataListAmended', 'DataListExpanded', 'DataListEntriesWithdrawn', 'DataListExtended', 'DataListTerminated', 'DataListExpired',
  'CompanyRegistered', 'CompanyDeregistered', 'CompanyDesignatedCiio', 'CompanyCiioLifted',
  'InstrumentGranted', 'InstrumentAmended', 'InstrumentRevoked',
];

export const isPolicyEventType = (type: string): type is PolicyEventType => (POLICY_EVENT_TYPES as readonly string[]).includes(type);
