import { type Decision, type DomainEvent, append, repeat, sameJson } from '../../shared/decider.js';
import { Conflict, NotFound, ValidationFailed } from '../../shared/errors.js';
import type { CalendarDate } from '../../shared/time.js';
import { Problems } from './policy.checks.js';

/**
 * The lifecycle shared by regimes, designations and instruments (DOMAIN.md §3): created once by
 * id with its full content, replaced whole by amendments, ended from a valid-time date (repealed,
 * lifted, revoked). Each of those deciders describes its kind here and delegates.
 */

/** What a content fact's state remembers: the events that answer idempotent repeats. */
export interface ContentFactState<Created extends DomainEvent, Amended extends DomainEvent, Ended extends EndedEvent> {
  /** The creating event: a repeated identical creation answers with it. */
  readonly created?: Created;
  /** The event that gave the fact its current content (the creation or the latest amendment). */
  readonly current?: Created | Amended;
  /** The event that ended the fact, if any. */
  readonly ended?: Ended;
}

/** The event that ends a fact from a valid-time date. */
export interface EndedEvent extends DomainEvent {
  readonly data: { readonly effectiveFrom: CalendarDate };
}

interface Interval {
  readonly effectiveFrom: CalendarDate;
  readonly effectiveUntil?: CalendarDate;
}

/** How one kind of content fact names, checks and builds its events. */
export interface ContentFactKind<Content extends Interval, Created extends DomainEvent, Amended extends DomainEvent, Ended extends EndedEvent> {
  /** For messages: `regime`, `designation`, `instrument`. */
  readonly what: string;
  /** The id field of the content: `regimeId`, … */
  readonly idField: keyof Content & string;
  /** Adds every problem of the content (its interval is checked already). */
  check(content: Content, problems: Problems): void;
  created(content: Content): Created;
  amended(content: Content): Amended;
  ended(id: string, effectiveFrom: CalendarDate): Ended;
}

type StateOf<Created extends DomainEvent, Amended extends DomainEvent, Ended extends EndedEvent> = ContentFactState<Created, Amended, Ended>;
const contentOf = <Content>(event: DomainEvent): Content => event.data as Content;

function checkContent<Content extends Interval>(kind: ContentFactKind<Content, DomainEvent, DomainEvent, EndedEvent>, content: Content): void {
  const problems = new Problems().interval(content.effectiveFrom, content.effectiveUntil);
  kind.check(content, problems);
  problems.throwIfAny();
}

/** Creation: new id → created; the identical creation again → repeat; other content → 409. */
export function decideCreation<Content extends Interval, Cr extends DomainEvent, Am extends DomainEvent, En extends EndedEvent>(
  kind: ContentFactKind<Content, Cr, Am, En>,
  state: StateOf<Cr, Am, En>,
  content: Content,
): Decision<Cr | Am | En> {
  checkContent(kind, content);
  if (state.created === undefined) return append(kind.created(content));
  if (sameJson(state.created.data, content)) return repeat(state.created);
  throw new Conflict(`${kind.what} ${String(content[kind.idField])} already exists with other content`);
}

/** Amendment (PUT): the body's id must be the path's; unknown id → 404; identical content → repeat. */
export function decideAmendment<Content extends Interval, Cr extends DomainEvent, Am extends DomainEvent, En extends EndedEvent>(
  kind: ContentFactKind<Content, Cr, Am, En>,
  state: StateOf<Cr, Am, En>,
  pathId: string,
  content: Content,
): Decision<Cr | Am | En> {
  if (content[kind.idField] !== pathId) throw ValidationFailed.of(kind.idField, `must match the id in the path (${pathId})`);
  checkContent(kind, content);
  if (state.current === undefined) throw new NotFound(kind.what, pathId);
  if (sameJson(state.current.data, content)) return repeat(state.current);
  return append(kind.amended(content));
}

/**
 * Ending from a date: unknown id → 404; ended already from the same date → repeat, from
 * another → 409; the date must fall within the fact's current interval, or ending it would say
 * nothing.
 */
export function decideEnding<Content extends Interval, Cr extends DomainEvent, Am extends DomainEvent, En extends EndedEvent>(
  kind: ContentFactKind<Content, Cr, Am, En>,
  state: StateOf<Cr, Am, En>,
  id: string,
  effectiveFrom: CalendarDate,
): Decision<Cr | Am | En> {
  new Problems().date('effectiveFrom', effectiveFrom).throwIfAny();
  if (state.current === undefined) throw new NotFound(kind.what, id);
  const { ended } = state;
  if (ended !== undefined) {
    if (ended.data.effectiveFrom === effectiveFrom) return repeat(ended);
    throw new Conflict(`${kind.what} ${id} already ended from ${ended.data.effectiveFrom}`);
  }
  const content = contentOf<Content>(state.current);
  if (effectiveFrom < content.effectiveFrom) throw ValidationFailed.of('effectiveFrom', `must not be before the ${kind.what}'s effectiveFrom (${content.effectiveFrom})`);
  if (content.effectiveUntil !== undefined && effectiveFrom >= content.effectiveUntil) {
    throw ValidationFailed.of('effectiveFrom', `must be before the ${kind.what}'s effectiveUntil (${content.effectiveUntil})`);
  }
  return append(kind.ended(id, effectiveFrom));
}

/** The state after one event: which of the three roles the event plays is told by the caller. */
export function evolveContentFact<Cr extends DomainEvent, Am extends DomainEvent, En extends EndedEvent>(
  state: StateOf<Cr, Am, En>,
  event: { role: 'created'; event: Cr } | { role: 'amended'; event: Am } | { role: 'ended'; event: En },
): StateOf<Cr, Am, En> {
  switch (event.role) {
    case 'created':
      return { ...state, created: event.event, current: event.event };
    case 'amended':
      return { ...state, current: event.event };
    case 'ended':
      return { ...state, ended: event.event };
  }
}
