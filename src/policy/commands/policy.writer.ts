import { Inject, Injectable } from '@nestjs/common';
import { type DecideOptions, decideAndAppend } from '../../application/decide-and-append.js';
import type { Decider, DomainEvent } from '../../common/decider.js';
import { EVENT_STORE, type EventStore, positionToString } from '../../event-store/event-store.port.js';
import { uuidv5 } from '../../common/ids.js';
import { type FactKind, factStream } from '../domain/policy.streams.js';
import type { PolicyOutcome } from './policy.outcome.js';
import type { CommandOrigin } from './policy.command.js';

/** Runs policy commands through the shared runner (src/application) on the fact's own stream. */
@Injectable()
export class PolicyWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run<C, E extends DomainEvent, S>(
    kind: FactKind,
    id: string,
    decider: Decider<C, E, S>,
    command: C,
    origin: CommandOrigin,
    eventId?: DecideOptions<E>['eventId'],
  ): Promise<PolicyOutcome> {
    const stream = factStream(kind, id);
    const key = origin.idempotencyKey;
    const outcome = await decideAndAppend(this.store, stream, decider, command, {
      metadata: { actor: { role: origin.actor.role, keyId: origin.actor.keyId } },
      eventId: eventId ?? (key === undefined ? undefined : (_event, index) => uuidv5(`${key}:${stream}:${index}`)),
    });
    return {
      answer: { id, eventId: outcome.event.id, position: positionToString(outcome.event.position) },
      appended: outcome.appended,
    };
  }
}
