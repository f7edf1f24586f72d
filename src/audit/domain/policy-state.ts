import type { DataEntry, DataListContent, DesignationContent, InstrumentContent, RegimeContent } from '../../policy/domain/policy.events.js';
import { regimeOn } from '../../legality/domain/legality.evaluator.js';
import {
  ciioOn,
  dataListInForce,
  designationInForce,
  entryOnList,
  instrumentInForce,
  regimeInForce,
  requireReadable,
  type CompanyState,
  type DataListState,
  type Ending,
  type EventRef,
  type FactState,
} from '../../legality/domain/policy-facts.js';
import type { PolicyView } from '../../legality/domain/policy-history.js';
import { holdsOn, type CalendarDate } from '../../common/time.js';

/**
 * The policy state in force on a valid-time date as known at a knowledge cut (docs/domain.md §2): what
 * an auditor reads to see which facts the evaluator had before it on that day. Every piece cites
 * the event that gave it its content (`source`), so each can be checked against the timeline.
 * Pure: built from a {@link PolicyView} of the policy history, with the same in-force rules as
 * the legality evaluator (policy-facts.ts, docs/domain.md §4 step 4 for the regime).
 */

/** The event that gave a piece of the state its content: its id and ledger position (decimal). */
export interface SourceRef {
  readonly eventId: string;
  readonly position: string;
}

/** A recorded end of validity later than the date (a repeal, lifting, revocation or deregistration). */
export interface EndingRef extends SourceRef {
  /** The first day no longer in force (valid time). */
  readonly effectiveFrom: CalendarDate;
}

/** A regime whose interval holds on the date; `inForce` marks the one docs/domain.md §4 step 4 applies. */
export type RegimeOnDate = RegimeContent & { readonly inForce: boolean; readonly source: SourceRef; readonly ending?: EndingRef };

/** A designation in force on the date. */
export type DesignationOnDate = DesignationContent & { readonly source: SourceRef; readonly ending?: EndingRef };

/** An instrument in force on the date. */
export type InstrumentOnDate = InstrumentContent & { readonly source: SourceRef; readonly ending?: EndingRef };

/** An entry on a list that day, with the publication, amendment or expansion that put it there. */
export type EntryOnDate = DataEntry & SourceRef;

/** A data list in force on the date: its own content, its term as known, and the entries on it that day. */
export interface DataListOnDate {
  readonly listId: string;
  readonly kind: DataListContent['kind'];
  readonly title: string;
  readonly zones: readonly string[];
  /** The publication or latest amendment that gave the list its kind, title, zones and start. */
  readonly source: SourceRef;
  /** The term: `effectiveUntil` (exclusive) set by the latest publication, amendment, extension or termination (`source`). */
  readonly term: { readonly effectiveFrom: CalendarDate; readonly effectiveUntil?: CalendarDate } & SourceRef;
  /** Whole fields first, then categories, by field. */
  readonly entries: readonly EntryOnDate[];
}

/** A registration holding on the date. */
export interface RegistrationOnDate extends SourceRef {
  readonly zoneId: string;
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
  /** The deregistration that set `effectiveUntil`, if one did. */
  readonly ending?: EndingRef;
}

/** A company as known at the cut: its registrations holding on the date and its CIIO status that day. */
export interface CompanyOnDate {
  readonly companyId: string;
  readonly registrations: readonly RegistrationOnDate[];
  /** The CIIO designation or lifting in force on the date (`effectiveFrom`, `source`); `{ciio: false}` alone when there was none. */
  readonly ciio: { readonly ciio: boolean; readonly effectiveFrom?: CalendarDate; readonly source?: SourceRef };
}

/** The answer of `GET /v1/audit/policy-state`. Every list is in id order. */
export interface PolicyState {
  /** The valid-time date asked about (Shanghai calendar). */
  readonly date: CalendarDate;
  /** The knowledge cut: only events at or before this position count. */
  readonly position: string;
  /** The regime the evaluator applies on the date, or null when none is in force. */
  readonly regimeInForce: string | null;
  readonly regimes: readonly RegimeOnDate[];
  readonly designations: readonly DesignationOnDate[];
  readonly dataLists: readonly DataListOnDate[];
  readonly companies: readonly CompanyOnDate[];
  readonly instruments: readonly InstrumentOnDate[];
}

const source = (ref: EventRef): SourceRef => ({ eventId: ref.eventId, position: ref.position.toString(10) });

/** The ending, when one is recorded (only endings after the date remain once in-force is checked). */
const endingOf = (ending: Ending | undefined): { ending?: EndingRef } => (ending ? { ending: { effectiveFrom: ending.from, ...source(ending.ref) } } : {});

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const entryKey = (entry: DataEntry): string => `${entry.field}\u0000${entry.category ?? ''}`;

/** Every distinct entry the list ever named (published or changed), each checked for the date. */
function entriesOn(list: DataListState, date: CalendarDate): EntryOnDate[] {
  const named = new Map<string, DataEntry>();
  for (const entry of [...list.content.entries, ...list.changes.flatMap((change) => change.entries)]) named.set(entryKey(entry), entry);
  const entries: EntryOnDate[] = [];
  for (const entry of named.values()) {
    const ref = entryOnList(list, entry, date);
    if (ref) entries.push({ field: entry.field, ...(entry.category === undefined ? {} : { category: entry.category }), ...source(ref) });
  }
  // Whole fields (no category) sort before the field's categories.
  return entries.sort((a, b) => byText(a.field, b.field) || byText(a.category ?? '', b.category ?? ''));
}

function dataListOn(list: DataListState, date: CalendarDate): DataListOnDate {
  const { listId, kind, title, zones, effectiveFrom } = list.content;
  return {
    listId,
    kind,
    title,
    zones,
    source: source(list.contentRef),
    term: { effectiveFrom, ...(list.termUntil === undefined ? {} : { effectiveUntil: list.termUntil }), ...source(list.termRef) },
    entries: entriesOn(list, date),
  };
}

function companyOn(company: CompanyState, date: CalendarDate): CompanyOnDate {
  const registrations = company.registrations
    .filter((registration) => holdsOn(registration, date))
    .map((r): RegistrationOnDate => ({
      zoneId: r.zoneId,
      effectiveFrom: r.from,
      ...(r.until === undefined ? {} : { effectiveUntil: r.until }),
      ...source(r.ref),
      ...(r.endRef && r.until !== undefined ? { ending: { effectiveFrom: r.until, ...source(r.endRef) } } : {}),
    }))
    .sort((a, b) => byText(a.zoneId, b.zoneId) || byText(a.effectiveFrom, b.effectiveFrom));
  const change = ciioOn(company, date);
  return {
    companyId: company.id,
    registrations,
    ciio: change ? { ciio: change.ciio, effectiveFrom: change.from, source: source(change.ref) } : { ciio: false },
  };
}

/** The policy state in force on `date` in the view (the policy history as known at `cut`). */
export function policyStateOn(view: PolicyView, date: CalendarDate, cut: bigint): PolicyState {
  // The policy state lists every fact: it needs each one readable (policy-facts.ts).
  requireReadable(view.unreadable);
  const facts = [...view.facts].sort((a, b) => byText(a.id, b.id));
  const ofKind = <K extends FactState['kind']>(kind: K) => facts.filter((fact): fact is Extract<FactState, { kind: K }> => fact.kind === kind);
  const governing = regimeOn(view.regimes, date);
  return {
    date,
    position: cut.toString(10),
    regimeInForce: governing?.id ?? null,
    regimes: ofKind('regime')
      .filter((r) => regimeInForce(r, date))
      .map((r) => ({ ...r.content, inForce: r === governing, source: source(r.contentRef), ...endingOf(r.repeal) })),
    designations: ofKind('designation')
      .filter((d) => designationInForce(d, date))
      .map((d) => ({ ...d.content, source: source(d.contentRef), ...endingOf(d.lift) })),
    dataLists: ofKind('data-list')
      .filter((l) => dataListInForce(l, date))
      .map((l) => dataListOn(l, date)),
    companies: ofKind('company').map((c) => companyOn(c, date)),
    instruments: ofKind('instrument')
      .filter((i) => instrumentInForce(i, date))
      .map((i) => ({ ...i.content, source: source(i.contentRef), ...endingOf(i.revoke) })),
  };
}
