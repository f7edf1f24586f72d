import { expect } from '@jest/globals';
import { type Decider, type Decision, type DomainEvent, append, fold, repeat } from '../../src/common/decider.js';
import { ValidationFailed } from '../../src/common/errors.js';

/** What a command decided on a history comes to, stated the way a decider test states it. */
export interface When<E extends DomainEvent> {
  /** The command appends exactly these events. */
  then(...events: E[]): void;
  /** The command is an idempotent repeat of this recorded event. */
  thenRepeats(event: E): void;
  /** The command appends (whichever events). */
  thenAccepts(): void;
  /** The command is rejected with an instance of `type` whose message contains `message` (or matches it); answers the error. */
  thenThrows<T extends Error>(type: abstract new (...args: never[]) => T, message?: string | RegExp): T;
  /** The command is rejected with a ValidationFailed; answers the fields it names, in order. */
  thenInvalid(): string[];
}

/**
 * Given/when/then for a decider: `given(decider, history).when(command).then(...events)`, or
 * `.thenRepeats(event)`, `.thenThrows(Conflict, 'message')`, `.thenInvalid()`. `state` is the
 * history folded by the decider.
 */
export const given = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[] = []) => {
  const state = fold(decider, history);
  const when = (command: C): When<E> => {
    const decide = (): Decision<E> => decider.decide(command, state);
    const thenThrows = <T extends Error>(type: abstract new (...args: never[]) => T, message?: string | RegExp): T => {
      let decision: Decision<E>;
      try {
        decision = decide();
      } catch (error) {
        expect(error).toBeInstanceOf(type);
        if (typeof message === 'string') expect((error as T).message).toContain(message);
        else if (message !== undefined) expect((error as T).message).toMatch(message);
        return error as T;
      }
      throw new Error(`expected a rejection, but the command was accepted: ${JSON.stringify(decision)}`);
    };
    return {
      then: (...events) => expect(decide()).toEqual(append(...events)),
      thenRepeats: (event) => expect(decide()).toEqual(repeat(event)),
      thenAccepts: () => expect(decide().kind).toBe('append'),
      thenThrows,
      thenInvalid: () => thenThrows(ValidationFailed).problems.map((p) => p.field),
    };
  };
  return { state, when };
};
