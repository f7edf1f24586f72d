import { type Decider, type Decision, append, repeat, sameJson } from '../../common/decider.js';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors.js';
import { addMonths, type CalendarDate, isCalendarDate, LAST_DATE } from '../../common/time.js';
import { type EntryPeriods, entryKey, entryPeriods } from './data-list.entries.js';
import { withShapeChecks } from './policy-event.shapes.js';
import { Problems, unreachable } from './policy.checks.js';
import { type DataEntry, type DataListAmended, type DataListContent, type DataListEntriesWithdrawn, type DataListEvent, type DataListExpanded, type DataListExpired, type DataListExtended, type DataListPublished, type DataListTerminated } from './policy.events.js';
import { DATA_LIST_KINDS } from '../../common/terms.js';

/** The body of an entry change: expansions and withdrawals (docs/api.md). */
export interface EntryChangeData {
  readonly listId: string;
  readonly effectiveFrom: CalendarDate;
  readonly entries: readonly DataEntry[];
}

/** A term end: the new one of an extension or termination, the one that passed of an expiry. */
export interface TermChangeData {
  readonly listId: string;
  readonly effectiveUntil: CalendarDate;
}

/**
 * Commands on one data list (stream `data-list-<listId>`; docs/domain.md §3). Publication and
 * amendment carry the body as given (`termMonths` or `effectiveUntil`); the decider resolves the
 * term. No command depends on today's date (docs/domain.md §2: valid time is the command's, the
 * ledger back-fills history): an extension after the term end is a renewal, a termination after
 * it is judged against the term end as known. Only the expiry scheduler reads the clock, to know
 * which term end has passed; its command names that term end (`ExpireDataList`).
 */
export type DataListCommand =
  | { readonly type: 'PublishDataList'; readonly data: DataListContent }
  | { readonly type: 'AmendDataList'; readonly listId: string; readonly data: DataListContent }
  | { readonly type: 'ExpandDataList'; readonly data: EntryChangeData }
  | { readonly type: 'WithdrawDataListEntries'; readonly data: EntryChangeData }
  | { readonly type: 'ExtendDataList'; readonly data: TermChangeData }
  | { readonly type: 'TerminateDataList'; readonly data: TermChangeData }
  | { readonly type: 'ExpireDataList'; readonly data: TermChangeData };

export interface DataListState {
  /** The publication: a repeated identical publication answers with it. */
  readonly published?: DataListPublished;
  /** The event that gave the list its own content (publication or latest amendment). */
  readonly current?: DataListPublished | DataListAmended;
  /** Expansions and withdrawals in record order; they apply on top of the current entries. */
  readonly changes: readonly (DataListExpanded | DataListEntriesWithdrawn)[];
  /** The term end as now known: the content's, or the latest extension or termination since. */
  readonly termEnd?: CalendarDate;
  /** The extension or termination that set `termEnd`, if one did since the content was set. */
  readonly termChange?: DataListExtended | DataListTerminated;
  /** Every expiry marker, in record order: one per term end that passed (a renewal never removes one). */
  readonly expiries: readonly DataListExpired[];
}

/** The list's entries with the valid-time periods in which each is on the list. */
export const dataListEntries = (state: DataListState): EntryPeriods[] =>
  state.current === undefined ? [] : entryPeriods(state.current.data, state.changes);

/** The expiry marker recorded for this term end, if the scheduler recorded one. */
export const expiryOf = (state: DataListState, termEnd: CalendarDate): DataListExpired | undefined =>
  state.expiries.find((expired) => expired.data.effectiveUntil === termEnd);

/** Resolves `termMonths` to `effectiveUntil` (docs/domain.md §2: a term of N months from D ends at D + N months) and checks the content. */
export function resolveDataList(data: DataListContent): DataListContent {
  const problems = new Problems();
  const { termMonths } = data;
  if (termMonths !== undefined && data.effectiveUntil !== undefined) problems.add('termMonths', 'cannot be given together with effectiveUntil; give one of them');
  const validTerm = termMonths !== undefined && Number.isSafeInteger(termMonths) && termMonths >= 1;
  if (termMonths !== undefined && !validTerm) problems.add('termMonths', 'must be a positive integer');
  const resolvable = validTerm && data.effectiveUntil === undefined && isCalendarDate(data.effectiveFrom);
  const resolved = resolvable ? addMonths(data.effectiveFrom, termMonths) : undefined;
  // A term past the ledger's last date would end on a date it cannot hold (docs/api.md §1).
  if (resolved !== undefined && !isCalendarDate(resolved)) problems.add('termMonths', `ends the term after ${LAST_DATE}`);
  const content = resolved !== undefined && isCalendarDate(resolved) ? { ...data, effectiveUntil: resolved } : data;
  problems.interval(content.effectiveFrom, content.effectiveUntil).oneOf('kind', content.kind, DATA_LIST_KINDS);
  if (content.zones.length === 0) problems.add('zones', 'must name at least one zone');
  content.zones.forEach((zone, i) => {
    if (content.zones.indexOf(zone) !== i) problems.add(`zones.${i}`, `repeats zone ${zone}`);
  });
  checkEntries(content.entries, problems);
  problems.throwIfAny();
  return content;
}

function checkEntries(entries: readonly DataEntry[], problems: Problems): void {
  const keys = entries.map(entryKey);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) problems.add(`entries.${i}`, 'repeats an earlier entry');
  });
}

function requireList(state: DataListState, listId: string): DataListContent {
  if (state.current === undefined) throw new NotFound('data list', listId);
  return state.current.data;
}

/** Expansions and withdrawals are dated within the list's term (as now known). */
function checkEntryChange(state: DataListState, data: EntryChangeData): void {
  const content = requireList(state, data.listId);
  const problems = new Problems().date('effectiveFrom', data.effectiveFrom);
  if (data.entries.length === 0) problems.add('entries', 'must name at least one entry');
  checkEntries(data.entries, problems);
  problems.throwIfAny();
  if (data.effectiveFrom < content.effectiveFrom || (state.termEnd !== undefined && data.effectiveFrom >= state.termEnd)) {
    throw ValidationFailed.of('effectiveFrom', `must fall within the list's term (from ${content.effectiveFrom}${state.termEnd ? ` until ${state.termEnd}` : ''})`);
  }
}

const periodsOf = (state: DataListState, entry: DataEntry) => dataListEntries(state).find((e) => entryKey(e) === entryKey(entry))?.periods ?? [];
/** On the list on some date at or after `from`. */
const onListFrom = (state: DataListState, entry: DataEntry, from: CalendarDate) =>
  periodsOf(state, entry).some((p) => p.effectiveUntil === undefined || p.effectiveUntil > from);
/** On the list from `date` on, with no withdrawal after it. */
const onListOpenAt = (state: DataListState, entry: DataEntry, date: CalendarDate) =>
  periodsOf(state, entry).some((p) => p.effectiveFrom <= date && p.effectiveUntil === undefined);
const sameChange = <E extends DataListExpanded | DataListEntriesWithdrawn>(state: DataListState, type: E['type'], data: EntryChangeData) =>
  state.changes.find((change): change is E => change.type === type && sameJson(change.data, data));

function decideExpansion(state: DataListState, data: EntryChangeData): Decision<DataListEvent> {
  checkEntryChange(state, data);
  const earlier = sameChange<DataListExpanded>(state, 'DataListExpanded', data);
  if (earlier && data.entries.every((entry) => onListOpenAt(state, entry, data.effectiveFrom))) return repeat(earlier);
  const problems = new Problems();
  data.entries.forEach((entry, i) => {
    if (onListFrom(state, entry, data.effectiveFrom)) problems.add(`entries.${i}`, `is already on the list on or after ${data.effectiveFrom}`);
  });
  problems.throwIfAny();
  return append({ type: 'DataListExpanded', data });
}

function decideWithdrawal(state: DataListState, data: EntryChangeData): Decision<DataListEvent> {
  checkEntryChange(state, data);
  const earlier = sameChange<DataListEntriesWithdrawn>(state, 'DataListEntriesWithdrawn', data);
  if (earlier && data.entries.every((entry) => !onListFrom(state, entry, data.effectiveFrom))) return repeat(earlier);
  const problems = new Problems();
  data.entries.forEach((entry, i) => {
    if (!onListOpenAt(state, entry, data.effectiveFrom)) problems.add(`entries.${i}`, `is not on the list on ${data.effectiveFrom}`);
  });
  problems.throwIfAny();
  return append({ type: 'DataListEntriesWithdrawn', data });
}

function decideTermChange(state: DataListState, command: Extract<DataListCommand, { type: 'ExtendDataList' | 'TerminateDataList' }>): Decision<DataListEvent> {
  const content = requireList(state, command.data.listId);
  const { effectiveUntil } = command.data;
  const extending = command.type === 'ExtendDataList';
  const type = extending ? 'DataListExtended' : 'DataListTerminated';
  if (state.termChange?.type === type && state.termChange.data.effectiveUntil === effectiveUntil) return repeat(state.termChange);
  new Problems().date('effectiveUntil', effectiveUntil).throwIfAny();
  // Whether the term end has passed by today does not matter: an extension after it is a renewal
  // (in force from the old end to the new one), a termination after it is judged against the
  // term end as known; either may be recorded late (docs/domain.md §3).
  if (extending && state.termEnd === undefined) throw ValidationFailed.of('effectiveUntil', 'cannot extend the list: it has no term end');
  if (extending && effectiveUntil <= state.termEnd!) throw ValidationFailed.of('effectiveUntil', `must be later than the current term end (${state.termEnd})`);
  if (!extending && state.termEnd !== undefined && effectiveUntil >= state.termEnd) {
    throw ValidationFailed.of('effectiveUntil', `must be earlier than the current term end (${state.termEnd})`);
  }
  if (!extending && effectiveUntil < content.effectiveFrom) throw ValidationFailed.of('effectiveUntil', `must not be before the list's effectiveFrom (${content.effectiveFrom})`);
  const data = { listId: command.data.listId, effectiveUntil, ...(state.termEnd !== undefined ? { previousUntil: state.termEnd } : {}) };
  return append({ type, data });
}

/**
 * docs/domain.md §3 "Expiry": the scheduler saw `effectiveUntil`, the term end as it knew it,
 * pass by its clock. Recorded once per term end (a repeat afterwards, even after the term moved
 * and came back); refused when the term end as now known is another one (the stream moved on).
 */
function decideExpiry(state: DataListState, data: TermChangeData): Decision<DataListEvent> {
  const { listId, effectiveUntil } = data;
  requireList(state, listId);
  if (state.termEnd === undefined) throw ValidationFailed.of('listId', `data list ${listId} has no term end`);
  const earlier = expiryOf(state, effectiveUntil);
  if (earlier) return repeat(earlier);
  if (effectiveUntil !== state.termEnd) throw ValidationFailed.of('effectiveUntil', `the term of data list ${listId} ends on ${state.termEnd}, not ${effectiveUntil}`);
  return append({ type: 'DataListExpired', data: { listId, effectiveUntil } });
}

/** The event whose shape each command's data must have (policy-event.shapes.ts). */
const EVENT_OF: Record<DataListCommand['type'], DataListEvent['type']> = {
  PublishDataList: 'DataListPublished',
  AmendDataList: 'DataListAmended',
  ExpandDataList: 'DataListExpanded',
  WithdrawDataListEntries: 'DataListEntriesWithdrawn',
  ExtendDataList: 'DataListExtended',
  TerminateDataList: 'DataListTerminated',
  ExpireDataList: 'DataListExpired',
};

const decider: Decider<DataListCommand, DataListEvent, DataListState> = {
  initialState: { changes: [], expiries: [] },
  decide(command, state) {
    switch (command.type) {
      case 'PublishDataList': {
        const content = resolveDataList(command.data);
        if (state.published === undefined) return append({ type: 'DataListPublished', data: content });
        if (sameJson(state.published.data, content)) return repeat(state.published);
        throw new Conflict(`data list ${content.listId} already exists with other content`);
      }
      case 'AmendDataList': {
        if (command.data.listId !== command.listId) throw ValidationFailed.of('listId', `must match the id in the path (${command.listId})`);
        const content = resolveDataList(command.data);
        requireList(state, command.listId);
        if (sameJson(state.current!.data, content)) return repeat(state.current!);
        return append({ type: 'DataListAmended', data: content });
      }
      case 'ExpandDataList':
        return decideExpansion(state, command.data);
      case 'WithdrawDataListEntries':
        return decideWithdrawal(state, command.data);
      case 'ExtendDataList':
      case 'TerminateDataList':
        return decideTermChange(state, command);
      case 'ExpireDataList':
        return decideExpiry(state, command.data);
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DataListPublished':
        return { ...state, published: event, current: event, termEnd: event.data.effectiveUntil, termChange: undefined };
      case 'DataListAmended':
        // DataListAmended supersedes earlier extensions and terminations (policy.events.ts).
        return { ...state, current: event, termEnd: event.data.effectiveUntil, termChange: undefined };
      case 'DataListExpanded':
      case 'DataListEntriesWithdrawn':
        return { ...state, changes: [...state.changes, event] };
      case 'DataListExtended':
      case 'DataListTerminated':
        return { ...state, termEnd: event.data.effectiveUntil, termChange: event };
      case 'DataListExpired':
        return { ...state, expiries: [...state.expiries, event] };
      default:
        return unreachable(event);
    }
  },
};

/** Publish, amend, expand, withdraw from, extend, terminate and expire data lists (docs/domain.md §3, §5). */
export const dataListDecider: Decider<DataListCommand, DataListEvent, DataListState> = withShapeChecks(decider, (command) => EVENT_OF[command.type]);
