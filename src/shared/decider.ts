/**
 * The decider pattern (docs/design.md "Writing"): a pure `decide(command, state)` that answers
 * what to append, and a pure `evolve(state, event)` that folds recorded history into state.
 * Nothing here touches the store, the clock or the framework, so any slice can reuse it.
 */

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
  /** Throws ValidationFailed, NotFound or Conflict (src/shared/errors.ts) to reject. */
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
 * JSON text with object keys sorted and `undefined` members dropped: two values that would be
 * stored as the same JSON compare equal, whatever their key order (idempotency checks).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
    return sorted;
  });
}

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
