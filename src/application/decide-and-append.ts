import {
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JsonObject,
  type ReadStreamOptions,
  type RecordedEvent,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store/event-store.port.js';
import { Conflict } from '../common/errors.js';
import { uuidv7 } from '../common/ids.js';
import { type Decider, type DomainEvent, fold, sameJson } from '../common/decider.js';

/** A stream as read and folded: its recorded events, the state they fold to, and the revision to expect. */
export interface LoadedStream<S> {
  readonly events: readonly RecordedEvent[];
  readonly state: S;
  /** `no-stream` when the stream has no events yet, else its last revision. */
  readonly expectedRevision: ExpectedRevision;
}

/** Reads a stream, or nothing when it has no events (the port throws StreamNotFoundError then). */
export async function readStreamIfAny(store: EventStore, stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** The revision an append after these events of one stream expects: `no-stream` for none, else the last one's. */
export const expectedRevisionAfter = (events: readonly RecordedEvent[]): ExpectedRevision =>
  events.length === 0 ? 'no-stream' : events[events.length - 1].revision;

/** Reads a whole stream (an absent stream is empty) and folds it with the decider's evolve. */
export async function loadStream<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
): Promise<LoadedStream<S>> {
  const events = await readStreamIfAny(store, stream);
  return {
    events,
    state: fold(decider, events.map((e) => asDomainEvent<E>(e))),
    expectedRevision: expectedRevisionAfter(events),
  };
}

/** The type and data of a recorded event, as its stream's decider knows it. */
export const asDomainEvent = <E extends DomainEvent>(recorded: RecordedEvent): E => ({ type: recorded.type, data: recorded.data }) as unknown as E;

export interface DecideOptions<E extends DomainEvent> {
  /** Stored with every appended event (e.g. `{actor: {role, keyId}}`). */
  readonly metadata?: JsonObject;
  /** Event ids; by default a new UUID v7 each. Deterministic ids make a second writer's append a store-level repeat. */
  readonly eventId?: (event: E, index: number) => string;
  /** How many times to read, decide and append before giving up on a stream that keeps changing. */
  readonly maxAttempts?: number;
  /** The stream as the caller has just read it: the first attempt decides on it instead of reading the stream again. */
  readonly loaded?: LoadedStream<unknown>;
}

/** What a command came to. */
export interface DecideOutcome {
  /**
   * False for an idempotent repeat decided on the stream as read. True when the append
   * succeeded, which includes the one case the store cannot tell apart: a concurrent writer
   * appending the same deterministic event ids first (the store then answers with its events).
   */
  readonly appended: boolean;
  /** The event that answers the command: the last one appended, or the original being repeated. */
  readonly event: RecordedEvent;
}

const DEFAULT_ATTEMPTS = 5;

/**
 * Read the stream, fold it, decide, append with the revision read (`no-stream` for a new
 * stream). Another writer appending in between makes the append fail with
 * WrongExpectedRevisionError; then the command is decided again on the fresh state, where a
 * concurrent identical command has become an idempotent repeat (docs/design.md "Writing").
 * Rejections thrown by `decide` propagate and nothing is appended.
 */
export async function decideAndAppend<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  options: DecideOptions<E> = {},
): Promise<DecideOutcome> {
  const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const loaded = attempt === 1 && options.loaded ? (options.loaded as LoadedStream<S>) : await loadStream(store, stream, decider);
    const decision = decider.decide(command, loaded.state);
    if (decision.kind === 'repeat') return { appended: false, event: originalOf(stream, loaded.events, decision.of) };
    if (decision.events.length === 0) throw new Error(`the decider for ${stream} decided to append nothing`);
    const toAppend: EventToAppend[] = decision.events.map((event, index) => ({
      id: options.eventId?.(event, index) ?? uuidv7(),
      type: event.type,
      data: toJsonObject(event.data),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    }));
    try {
      const result = await store.append(stream, toAppend, { expectedRevision: loaded.expectedRevision });
      return { appended: true, event: result.events[result.events.length - 1] };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= attempts) throw new Conflict(`${stream} changed concurrently ${attempts} times in a row; try again`);
    }
  }
}

/** The latest recorded event with the repeated event's type and data. */
function originalOf<E extends DomainEvent>(stream: string, events: readonly RecordedEvent[], of: E): RecordedEvent {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].type === of.type && sameJson(events[i].data, of.data)) return events[i];
  }
  throw new Error(`the decider for ${stream} called a command a repeat of a ${of.type} event that is not recorded`);
}

/** Event data as the store keeps it: plain JSON, `undefined` members dropped. */
export const toJsonObject = (data: object): JsonObject => JSON.parse(JSON.stringify(data)) as JsonObject;
