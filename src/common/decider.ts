/**
 * The decider pattern (docs/design.md "Writing"): a pure `decide(command, state)` that answers
 * what to append, and a pure `evolve(state, event)` that folds recorded history into state.
 * Nothing here touches the store, the clock or the framework, so any slice can reuse it.
 */

import { canonicalJson } from './canonical-json.js';

/** An event as a decider sees it: a type tag and JSON-compatible data. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/**
 * What a decider answers:
 * - `append`: new events to append (at least one);
 * - `repeat`: the command changes nothing because it repeats what this recorded event already
 *   says; the caller answers with that event's original id and position (an idempotent no-op).
 */
export type Decision<E extends DomainEvent> =
  | { readonly kind: 'append'; readonly events: readonly E[] }
  | { readonly kind: 'repeat'; readonly of: E };

export const append = <E extends DomainEvent>(...events: E[]): Decision<E> => ({ kind: 'append', events });
export const repeat = <E extends DomainEvent>(of: E): Decision<E> => ({ kind: 'repeat', of });

/** A pure decider for one stream kind: commands C, events E, state S. */
export interface Decider<C, E extends DomainEvent, S> {
  readonly initialState: S;
  /** Throws ValidationFailed, NotFound or Conflict (src/common/errors.ts) to reject. */
  decide(command: C, state: S): Decision<E>;
  evolve(state: S, event: E): S;
}

/** Folds events into state from the decider's initial state. */
export const fold = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: Iterable<E>): S => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/**
 * Whether two values would be stored as the same JSON, whatever their key order (idempotency
 * checks: a command's content against recorded content). Each is read as JSON.stringify reads it
 * on its way to the store (`undefined` members absent, class instances such as validated request
 * bodies as their own enumerable properties), then written canonically.
 */
export const sameJson = (a: unknown, b: unknown): boolean => storedJson(a) === storedJson(b);

/** The canonical JSON of a value as it would be stored; undefined when JSON.stringify writes nothing for it. */
function storedJson(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : canonicalJson(JSON.parse(text));
}
