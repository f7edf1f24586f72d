import type {
  CompanyEvent,
  DataEntry,
  DataListContent,
  DataListEvent,
  DesignationContent,
  DesignationEvent,
  InstrumentContent,
  InstrumentEvent,
  PolicyEvent,
  RegimeContent,
  RegimeEvent,
} from '../../policy/domain/policy.events.js';
import { UnreadableFact } from '../../common/errors.js';
import { earlierEnd, holdsOn, type CalendarDate } from '../../common/time.js';

/**
 * The state of one policy fact after one of its events (docs/domain.md §3), as the legality evaluator
 * needs it. States are immutable: the policy history keeps every one of them, so that "the fact
 * as known at K" is the state after its last event recorded at or before K.
 */

/** Which event (record time) gave a fact a piece of its content: cited in verdicts' `basis`. */
export interface EventRef {
  readonly eventId: string;
  readonly position: bigint;
}

/** An end of validity decided by its own event (repeal, lifting, revocation, deregistration). */
export interface Ending {
  readonly from: CalendarDate;
  readonly ref: EventRef;
}

/** A regime as known at some position: its content (latest enactment or amendment) and its repeal. */
export interface RegimeState {
  readonly kind: 'regime';
  readonly id: string;
  readonly content: RegimeContent;
  readonly contentRef: EventRef;
  /** The enactment: docs/domain.md §4 step 4 breaks ties between regimes with one effectiveFrom by it. */
  readonly enactedRef: EventRef;
  /** Reading: a repeal survives later amendments (they carry the regime's content, not its repeal). */
  readonly repeal?: Ending;
}

/** A designation as known at some position: its content and its lifting. */
export interface DesignationState {
  readonly kind: 'designation';
  readonly id: string;
  readonly content: DesignationContent;
  readonly contentRef: EventRef;
  /** Reading: like a repeal, a lifting survives later amendments of the content. */
  readonly lift?: Ending;
}

/** An expansion or a withdrawal of entries (valid from `from`). */
export interface EntryChange {
  readonly change: 'expanded' | 'withdrawn';
  readonly from: CalendarDate;
  readonly entries: readonly DataEntry[];
  readonly ref: EventRef;
}

/** A data list as known at some position: its content, expansions, withdrawals and term end. */
export interface DataListState {
  readonly kind: 'data-list';
  readonly id: string;
  /** Kind, title, zones, start and published entries: from the publication or the latest amendment. */
  readonly content: DataListContent;
  readonly contentRef: EventRef;
  /** In recording order; they apply on top of the published entries even after an amendment (policy.events.ts). */
  readonly changes: readonly EntryChange[];
  /** The term end: the latest of publication/amendment, extension and termination sets it. */
  readonly termUntil?: CalendarDate;
  readonly termRef: EventRef;
}

/** A company's registration in a zone, over a half-open interval of valid time. */
export interface Registration {
  readonly zoneId: string;
  readonly from: CalendarDate;
  readonly until?: CalendarDate;
  readonly ref: EventRef;
  /** The deregistration that set `until`, if one did. */
  readonly endRef?: EventRef;
}

/** The company became (or stopped being) a CIIO from `from` (valid time). */
export interface CiioChange {
  readonly ciio: boolean;
  readonly from: CalendarDate;
  readonly ref: EventRef;
}

/** A company as known at some position: its registrations and CIIO changes, in recording order. */
export interface CompanyState {
  readonly kind: 'company';
  readonly id: string;
  readonly registrations: readonly Registration[];
  readonly ciio: readonly CiioChange[];
}

/** An instrument as known at some position: its content and its revocation. */
export interface InstrumentState {
  readonly kind: 'instrument';
  readonly id: string;
  readonly content: InstrumentContent;
  readonly contentRef: EventRef;
  /** Reading: a revocation survives later amendments of the content. */
  readonly revoke?: Ending;
}

/**
 * A stored event of the fact that cannot be read as its type says (policy/domain/policy-event.shapes.ts):
 * the fact is unreadable from it on, and the questions that need the fact fail naming it.
 */
export interface Unreadable {
  readonly ref: EventRef;
  readonly type: string;
  readonly problems: readonly string[];
  /** Every unreadable event so far replaced content: a later readable replacement of the content clears them. */
  readonly content: boolean;
}

/** Any policy fact's state, tagged by `kind`; `unreadable` when one of its events could not be read. */
export type FactState = (RegimeState | DesignationState | DataListState | CompanyState | InstrumentState) & { readonly unreadable?: Unreadable };

/**
 * A question needs these facts and one of them cannot be read: it is not answered (a verdict
 * without the fact could be wrong), and the error (409) names the fact. Other questions are answered.
 */
export function requireReadable(facts: readonly FactState[]): void {
  const [fact] = facts;
  if (!fact?.unreadable) return;
  const { ref, problems } = fact.unreadable;
  throw new UnreadableFact(fact.kind, fact.id, ref.eventId, ref.position, problems);
}

/** The event types that replace a fact's whole content (an amendment may mend an unreadable one). */
const CONTENT_EVENTS: ReadonlySet<string> = new Set([
  'RegimeEnacted', 'RegimeAmended', 'DataDesignated', 'DesignationAmended', 'DataListPublished', 'DataListAmended', 'InstrumentGranted', 'InstrumentAmended',
]);

/** The event's data as an object to read ids from, whatever was stored. */
const dataOf = (event: PolicyEvent): Record<string, unknown> =>
  typeof event.data === 'object' && event.data !== null ? (event.data as unknown as Record<string, unknown>) : {};

/** The fact an event belongs to, as `kind:id` (the key of the policy history). */
export function factKeyOf(event: PolicyEvent): string {
  const data = dataOf(event) as Partial<Record<'regimeId' | 'designationId' | 'listId' | 'companyId' | 'instrumentId', string>>;
  switch (event.type) {
    case 'RegimeEnacted': case 'RegimeAmended': case 'RegimeRepealed':
      return `regime:${data.regimeId}`;
    case 'DataDesignated': case 'DesignationAmended': case 'DesignationLifted':
      return `designation:${data.designationId}`;
    case 'DataListPublished': case 'DataListAmended': case 'DataListExpanded': case 'DataListEntriesWithdrawn':
    case 'DataListExtended': case 'DataListTerminated': case 'DataListExpired':
      return `data-list:${data.listId}`;
    case 'CompanyRegistered': case 'CompanyDeregistered': case 'CompanyDesignatedCiio': case 'CompanyCiioLifted':
      return `company:${data.companyId}`;
    case 'InstrumentGranted': case 'InstrumentAmended': case 'InstrumentRevoked':
      return `instrument:${data.instrumentId}`;
  }
}

/**
 * evolve(state, event) → state for one fact. An amendment or ending of a fact the history does not
 * know (the deciders reject those) leaves it unknown rather than inventing content.
 */
export function evolveFact(state: FactState | undefined, event: PolicyEvent, ref: EventRef): FactState | undefined {
  switch (event.type) {
    case 'RegimeEnacted': case 'RegimeAmended': case 'RegimeRepealed':
      return evolveRegime(state as RegimeState | undefined, event, ref);
    case 'DataDesignated': case 'DesignationAmended': case 'DesignationLifted':
      return evolveDesignation(state as DesignationState | undefined, event, ref);
    case 'DataListPublished': case 'DataListAmended': case 'DataListExpanded': case 'DataListEntriesWithdrawn':
    case 'DataListExtended': case 'DataListTerminated': case 'DataListExpired':
      return evolveDataList(state as DataListState | undefined, event, ref);
    case 'CompanyRegistered': case 'CompanyDeregistered': case 'CompanyDesignatedCiio': case 'CompanyCiioLifted':
      return evolveCompany(state as CompanyState | undefined, event, ref);
    case 'InstrumentGranted': case 'InstrumentAmended': case 'InstrumentRevoked':
      return evolveInstrument(state as InstrumentState | undefined, event, ref);
  }
}

/**
 * evolve for an event the shape check passed: as {@link evolveFact}, keeping the fact unreadable
 * unless this event replaces all the content that made it so.
 */
export function evolveReadable(state: FactState | undefined, event: PolicyEvent, ref: EventRef): FactState | undefined {
  const next = evolveFact(state, event, ref);
  if (!next || !state?.unreadable) return next;
  if (state.unreadable.content && CONTENT_EVENTS.has(event.type)) {
    const { unreadable: _mended, ...readable } = next;
    return readable as FactState;
  }
  return { ...next, unreadable: state.unreadable };
}

/**
 * The state after an event that cannot be read (`problems` say why): the fact as it was, or a
 * placeholder of its kind for an unreadable first event, marked unreadable. Its content is never
 * looked at again while it is so (PolicyView keeps unreadable facts apart).
 */
export function unreadableFact(state: FactState | undefined, event: PolicyEvent, ref: EventRef, problems: readonly string[]): FactState {
  const content = CONTENT_EVENTS.has(event.type) && (state?.unreadable?.content ?? true);
  const unreadable: Unreadable = { ref, type: event.type, problems: [...(state?.unreadable?.problems ?? []), ...problems], content };
  return { ...(state ?? placeholderOf(event, ref)), unreadable };
}

function placeholderOf(event: PolicyEvent, ref: EventRef): FactState {
  const key = factKeyOf(event);
  const kind = key.slice(0, key.indexOf(':')) as FactState['kind'];
  const id = key.slice(kind.length + 1);
  // What was stored, unchecked: PolicyView reads only what it can of it (ids, a field, zones) to
  // tell which questions need the fact.
  const content = dataOf(event) as never;
  switch (kind) {
    case 'regime': return { kind, id, content, contentRef: ref, enactedRef: ref };
    case 'designation': return { kind, id, content, contentRef: ref };
    case 'data-list': return { kind, id, content, contentRef: ref, changes: [], termRef: ref };
    case 'company': return { kind, id, registrations: [], ciio: [] };
    case 'instrument': return { kind, id, content, contentRef: ref };
  }
}

function evolveRegime(state: RegimeState | undefined, event: RegimeEvent, ref: EventRef): RegimeState | undefined {
  switch (event.type) {
    case 'RegimeEnacted':
      return { kind: 'regime', id: event.data.regimeId, content: event.data, contentRef: ref, enactedRef: ref };
    case 'RegimeAmended':
      return state && { ...state, content: event.data, contentRef: ref };
    case 'RegimeRepealed':
      return state && { ...state, repeal: { from: event.data.effectiveFrom, ref } };
  }
}

function evolveDesignation(state: DesignationState | undefined, event: DesignationEvent, ref: EventRef): DesignationState | undefined {
  switch (event.type) {
    case 'DataDesignated':
      return { kind: 'designation', id: event.data.designationId, content: event.data, contentRef: ref };
    case 'DesignationAmended':
      return state && { ...state, content: event.data, contentRef: ref };
    case 'DesignationLifted':
      return state && { ...state, lift: { from: event.data.effectiveFrom, ref } };
  }
}

function evolveDataList(state: DataListState | undefined, event: DataListEvent, ref: EventRef): DataListState | undefined {
  switch (event.type) {
    case 'DataListPublished':
      return { kind: 'data-list', id: event.data.listId, content: event.data, contentRef: ref, changes: [], termUntil: event.data.effectiveUntil, termRef: ref };
    case 'DataListAmended':
      return state && { ...state, content: event.data, contentRef: ref, termUntil: event.data.effectiveUntil, termRef: ref };
    case 'DataListExpanded':
    case 'DataListEntriesWithdrawn': {
      if (!state) return undefined;
      const change = event.type === 'DataListExpanded' ? 'expanded' : 'withdrawn';
      return { ...state, changes: [...state.changes, { change, from: event.data.effectiveFrom, entries: event.data.entries, ref }] };
    }
    case 'DataListExtended':
    case 'DataListTerminated':
      return state && { ...state, termUntil: event.data.effectiveUntil, termRef: ref };
    case 'DataListExpired':
      // A timeline marker only: the term end is already known (docs/domain.md §3, Expiry).
      return state;
  }
}

function evolveCompany(state: CompanyState | undefined, event: CompanyEvent, ref: EventRef): CompanyState {
  const company: CompanyState = state ?? { kind: 'company', id: event.data.companyId, registrations: [], ciio: [] };
  switch (event.type) {
    case 'CompanyRegistered': {
      const { zoneId, effectiveFrom, effectiveUntil } = event.data;
      return { ...company, registrations: [...company.registrations, { zoneId, from: effectiveFrom, until: effectiveUntil, ref }] };
    }
    case 'CompanyDeregistered': {
      const { zoneId, effectiveFrom } = event.data;
      // Ends the registration in that zone that holds on its date (the decider checks there is one).
      const registrations = company.registrations.map((r) =>
        r.zoneId === zoneId && holdsOn(r, effectiveFrom) ? { ...r, until: effectiveFrom, endRef: ref } : r,
      );
      return { ...company, registrations };
    }
    case 'CompanyDesignatedCiio':
    case 'CompanyCiioLifted':
      return { ...company, ciio: [...company.ciio, { ciio: event.type === 'CompanyDesignatedCiio', from: event.data.effectiveFrom, ref }] };
  }
}

function evolveInstrument(state: InstrumentState | undefined, event: InstrumentEvent, ref: EventRef): InstrumentState | undefined {
  switch (event.type) {
    case 'InstrumentGranted':
      return { kind: 'instrument', id: event.data.instrumentId, content: event.data, contentRef: ref };
    case 'InstrumentAmended':
      return state && { ...state, content: event.data, contentRef: ref };
    case 'InstrumentRevoked':
      return state && { ...state, revoke: { from: event.data.effectiveFrom, ref } };
  }
}

// ---- what each fact says on a valid-time date ----

const holdsUntilEnding = (from: CalendarDate, until: CalendarDate | undefined, ending: Ending | undefined, date: CalendarDate): boolean =>
  holdsOn({ from, until: earlierEnd(until, ending?.from) }, date);

/** In force on the date: within its interval and not repealed by then (likewise for the next three). */
export const regimeInForce = (r: RegimeState, date: CalendarDate): boolean =>
  holdsUntilEnding(r.content.effectiveFrom, r.content.effectiveUntil, r.repeal, date);

export const designationInForce = (d: DesignationState, date: CalendarDate): boolean =>
  holdsUntilEnding(d.content.effectiveFrom, d.content.effectiveUntil, d.lift, date);

export const instrumentInForce = (i: InstrumentState, date: CalendarDate): boolean =>
  holdsUntilEnding(i.content.effectiveFrom, i.content.effectiveUntil, i.revoke, date);

export const dataListInForce = (l: DataListState, date: CalendarDate): boolean =>
  holdsOn({ from: l.content.effectiveFrom, until: l.termUntil }, date);

const sameEntry = (a: DataEntry, b: DataEntry): boolean => a.field === b.field && a.category === b.category;

/**
 * Is exactly this entry (a whole field, or one category of a field) on the list on the date? The
 * latest expansion or withdrawal of it effective by then (by effective date, then recording
 * order) decides; with none, the published entries do. Answers the event that put it there, or
 * undefined. The list's own term is checked separately.
 */
export function entryOnList(list: DataListState, entry: DataEntry, date: CalendarDate): EventRef | undefined {
  let decisive: EntryChange | undefined;
  for (const change of list.changes) {
    if (change.from > date || !change.entries.some((e) => sameEntry(e, entry))) continue;
    if (decisive === undefined || change.from >= decisive.from) decisive = change; // later in recording order wins ties
  }
  if (decisive) return decisive.change === 'expanded' ? decisive.ref : undefined;
  return list.content.entries.some((e) => sameEntry(e, entry)) ? list.contentRef : undefined;
}

/**
 * The entry of the list that covers the data on the date, with the event that put it there, or
 * undefined: the whole field if it is on the list ({@link entryOnList}), else the category.
 */
export function listedEntry(list: DataListState, field: string, category: string, date: CalendarDate): { entry: DataEntry; ref: EventRef } | undefined {
  const candidates: DataEntry[] = [{ field }, { field, category }];
  for (const candidate of candidates) {
    const ref = entryOnList(list, candidate, date);
    if (ref) return { entry: candidate, ref };
  }
  return undefined;
}

/** The registration that places the company in one of the zones on the date, if any. */
export const registrationIn = (company: CompanyState | undefined, zones: readonly string[], date: CalendarDate): Registration | undefined =>
  company?.registrations.find((r) => zones.includes(r.zoneId) && holdsOn(r, date));

/** The CIIO change in force on the date (the latest effective by then; recording order breaks ties), if any. */
export function ciioOn(company: CompanyState | undefined, date: CalendarDate): CiioChange | undefined {
  let latest: CiioChange | undefined;
  for (const change of company?.ciio ?? []) {
    if (change.from <= date && (latest === undefined || change.from >= latest.from)) latest = change;
  }
  return latest;
}
