import { asDomainEvent, readStreamIfAny } from '../../../application/decide-and-append.js';
import { positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { factStream, type FactKind } from '../../domain/policy.streams.js';
import { FACT_READERS, type PolicyFact } from './policy-fact.views.js';

/** The fact's stream folded up to the cut (docs/design.md "Reading"), or undefined when it has no event at or before it. */
export async function readPolicyFact(store: EventStore, kind: FactKind, id: string, cut: bigint): Promise<Omit<PolicyFact, 'knownAt' | 'position'> | undefined> {
  const known = (await readStreamIfAny(store, factStream(kind, id))).filter((event) => event.position <= cut);
  if (known.length === 0) return undefined;
  return {
    id,
    kind,
    current: FACT_READERS[kind].view(known.map((event) => asDomainEvent(event))),
    history: known.map((event) => ({
      type: event.type,
      eventId: event.id,
      hash: event.hash,
      position: positionToString(event.position),
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
    })),
  };
}

