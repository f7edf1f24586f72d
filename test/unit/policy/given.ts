import { type Decider, type Decision, type DomainEvent, fold } from '../../../src/common/decider.js';
import { ValidationFailed, type Problem } from '../../../src/common/errors.js';

/** Given/when/then for a decider: `given(decider, history).when(command)` answers the decision. */
export const given = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: E[] = []) => {
  const state = fold(decider, history);
  return { state, when: (command: C): Decision<E> => decider.decide(command, state) };
};

/** The error a call throws (fails the test when it throws nothing). */
export function thrownBy(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the command was accepted');
}

/** The problems of the ValidationFailed a call throws. */
export function problemsOf(call: () => unknown): readonly Problem[] {
  const error = thrownBy(call);
  if (!(error instanceof ValidationFailed)) throw new Error(`expected ValidationFailed, got ${error.name}: ${error.message}`);
  return error.problems;
}

/** The fields named by the ValidationFailed a call throws. */
export const fieldsOf = (call: () => unknown): string[] => problemsOf(call).map((p) => p.field);
