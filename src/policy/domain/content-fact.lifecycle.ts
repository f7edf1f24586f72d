import { type Decider, type Decision, type DomainEvent, append, repeat, sameJson } from '../../common/decider.js';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors.js';
import type { CalendarDate } from '../../common/time.js';
import { withShapeChecks } from './policy-event.shapes.js';
import { Problems, unreachable } from './policy.checks.js';
import type { PolicyEventType } from './policy.events.js';

/**
 * The lifecycle shared by regimes, designations and instruments (docs/domain.md §3): created once by
 * id with its full content, replaced whole by amendments, ended from a valid-time date (repealed,
 * lifted, revoked). Each of those deciders describes its kind here and {@link contentFactDecider}
 * builds it.
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

/** The type names of a kind's commands: creation, amendment (PUT), ending. */
export interface CommandTypes {
  readonly create: string;
  readonly amend: string;
  readonly end: string;
}

/** The type names of a kind's events, one for each command. */
export interface EventTypes {
  readonly created: string;
  readonly amended: string;
  readonly ended: string;
}

/** The id of the fact and the date from which it ends. */
type Ending<Id extends string> = { readonly [K in Id]: string } & { readonly effectiveFrom: CalendarDate };

/** The commands on one content fact: the amendment carries the path's id beside the body. */
export type ContentFactCommand<Content, Id extends string, T extends CommandTypes> =
  | { readonly type: T['create']; readonly data: Content }
  | ({ readonly type: T['amend']; readonly data: Content } & { readonly [K in Id]: string })
  | { readonly type: T['end']; readonly data: Ending<Id> };

type Created<Content, T extends EventTypes> = { readonly type: T['created']; readonly data: Content };
type Amended<Content, T extends EventTypes> = { readonly type: T['amended']; readonly data: Content };
type Ended<Id extends string, T extends EventTypes> = { readonly type: T['ended']; readonly data: Ending<Id> };

/** How one kind of content fact names, checks and builds its commands and events. */
export interface ContentFactKind<Content extends Interval, Id extends keyof Content & string, C extends CommandTypes, E extends EventTypes> {
  /** For messages: `regime`, `designation`, `instrument`. */
  readonly what: string;
  /** The id field of the content: `regimeId`, … */
  readonly idField: Id;
  readonly commands: C;
  readonly events: E;
  /** Adds every problem of the content (its interval is checked already). */
  check(content: Content, problems: Problems): void;
}

/**
 * The decider of one kind of content fact:
 * - creation: new id → created; the identical creation again → repeat; other content → 409;
 * - amendment (PUT): the body's id must be the path's; unknown id → 404; identical content → repeat;
 * - ending from a date: unknown id → 404; ended already from the same date → repeat, from
 *   another → 409; the date must fall within the fact's current interval, or ending it would say
 *   nothing.
 */
export function contentFactDecider<Content extends Interval, Id extends keyof Content & string, const C extends CommandTypes, const E extends EventTypes>(
  kind: ContentFactKind<Content, Id, C, E>,
): Decider<ContentFactCommand<Content, Id, C>, Created<Content, E> | Amended<Content, E> | Ended<Id, E>, ContentFactState<Created<Content, E>, Amended<Content, E>, Ended<Id, E>>> {
  type Event = Created<Content, E> | Amended<Content, E> | Ended<Id, E>;
  type State = ContentFactState<Created<Content, E>, Amended<Content, E>, Ended<Id, E>>;

  function checkContent(content: Content): void {
    const problems = new Problems().interval(content.effectiveFrom, content.effectiveUntil);
    kind.check(content, problems);
    problems.throwIfAny();
  }

  function create(state: State, content: Content): Decision<Event> {
    checkContent(content);
    if (state.created === undefined) return append<Event>({ type: kind.events.created, data: content });
    if (sameJson(state.created.data, content)) return repeat<Event>(state.created);
    throw new Conflict(`${kind.what} ${String(content[kind.idField])} already exists with other content`);
  }

  function amend(state: State, pathId: string, content: Content): Decision<Event> {
    if (content[kind.idField] !== pathId) throw ValidationFailed.of(kind.idField, `must match the id in the path (${pathId})`);
    checkContent(content);
    if (state.current === undefined) throw new NotFound(kind.what, pathId);
    if (sameJson(state.current.data, content)) return repeat<Event>(state.current);
    return append<Event>({ type: kind.events.amended, data: content });
  }

  function end(state: State, id: string, effectiveFrom: CalendarDate): Decision<Event> {
    new Problems().date('effectiveFrom', effectiveFrom).throwIfAny();
    if (state.current === undefined) throw new NotFound(kind.what, id);
    const { ended } = state;
    if (ended !== undefined) {
      if (ended.data.effectiveFrom === effectiveFrom) return repeat<Event>(ended);
      throw new Conflict(`${kind.what} ${id} already ended from ${ended.data.effectiveFrom}`);
    }
    const content = state.current.data;
    if (effectiveFrom < content.effectiveFrom) throw ValidationFailed.of('effectiveFrom', `must not be before the ${kind.what}'s effectiveFrom (${content.effectiveFrom})`);
    if (content.effectiveUntil !== undefined && effectiveFrom >= content.effectiveUntil) {
      throw ValidationFailed.of('effectiveFrom', `must be before the ${kind.what}'s effectiveUntil (${content.effectiveUntil})`);
    }
    return append<Event>({ type: kind.events.ended, data: { [kind.idField]: id, effectiveFrom } as Ending<Id> });
  }

  const decider: Decider<ContentFactCommand<Content, Id, C>, Event, State> = {
    initialState: {},
    decide(command, state) {
      // The command types are the kind's, so the casts only say which member of the union each is.
      switch (command.type) {
        case kind.commands.create:
          return create(state, command.data as Content);
        case kind.commands.amend:
          return amend(state, (command as { readonly [K in Id]: string })[kind.idField], command.data as Content);
        case kind.commands.end: {
          const { data } = command as { readonly data: Ending<Id> };
          return end(state, data[kind.idField], data.effectiveFrom);
        }
        default:
          return unreachable(command as never);
      }
    },
    evolve(state, event) {
      switch (event.type) {
        case kind.events.created:
          return { ...state, created: event as Created<Content, E>, current: event as Created<Content, E> };
        case kind.events.amended:
          return { ...state, current: event as Amended<Content, E> };
        case kind.events.ended:
          return { ...state, ended: event as Ended<Id, E> };
        default:
          return unreachable(event as never);
      }
    },
  };
  const eventTypes: Record<string, string> = { [kind.commands.create]: kind.events.created, [kind.commands.amend]: kind.events.amended, [kind.commands.end]: kind.events.ended };
  // The kinds' event types are policy event types (regime, designation, instrument deciders).
  return withShapeChecks(decider as unknown as Decider<ContentFactCommand<Content, Id, C>, Event & { type: PolicyEventType }, State>, (command) => eventTypes[command.type] as PolicyEventType);
}
