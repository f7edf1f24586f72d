import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { asDomainEvent } from '../../../application/decide-and-append.js';
import { EVENT_STORE, type EventStore, positionToString, type RecordedEvent, StreamNotFoundError } from '../../../event-store/event-store.port.js';
import { NotFound, ValidationFailed } from '../../../shared/errors.js';
import { instantToEpochMs, isInstant } from '../../../shared/time.js';
import { factStream } from '../../domain/policy.streams.js';
import { GetPolicyFactQuery, type KnowledgeCut } from './get-policy-fact.query.js';
import type { PolicyFactDto } from './policy-fact.dto.js';
import { FACT_READERS } from './policy-fact.views.js';

const DECIMAL_POSITION = /^(0|[1-9][0-9]{0,19})$/;

/**
 * Reads the fact's stream and folds only the events known at the cut (docs/design.md "Reading"):
 * `position` keeps events at or before it; `knownAt` keeps events recorded at or before that
 * instant, which is the same as cutting at the last position recorded by then.
 */
@QueryHandler(GetPolicyFactQuery)
export class GetPolicyFactHandler implements IQueryHandler<GetPolicyFactQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ kind, id, cut }: GetPolicyFactQuery): Promise<PolicyFactDto> {
    const known = await this.knownAt(cut, await this.read(factStream(kind, id)));
    const reader = FACT_READERS[kind];
    if (known.length === 0) throw new NotFound(reader.what, id);
    return {
      id,
      kind,
      ...(cut.knownAt !== undefined ? { knownAt: cut.knownAt } : {}),
      ...(cut.position !== undefined ? { position: cut.position } : {}),
      current: reader.view(known.map((event) => asDomainEvent(event))),
      history: known.map((event) => ({
        type: event.type,
        eventId: event.id,
        position: positionToString(event.position),
        recordedAt: event.recordedAt.toISOString(),
        data: event.data,
      })),
    };
  }

  private async read(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async knownAt(cut: KnowledgeCut, events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const { knownAt, position } = cut;
    if (knownAt !== undefined && position !== undefined) {
      throw new ValidationFailed([
        { field: 'knownAt', reason: 'must not be given together with position (give one knowledge cut)' },
        { field: 'position', reason: 'must not be given together with knownAt (give one knowledge cut)' },
      ]);
    }
    if (knownAt !== undefined) {
      if (!isInstant(knownAt)) throw ValidationFailed.of('knownAt', 'must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00)');
      const ms = instantToEpochMs(knownAt);
      return events.filter((event) => event.recordedAt.getTime() <= ms);
    }
    if (position !== undefined) {
      if (!DECIMAL_POSITION.test(position)) throw ValidationFailed.of('position', 'must be a ledger position (a decimal integer)');
      const limit = BigInt(position);
      const head = (await this.store.headPosition()) ?? 0n;
      if (limit > head) throw ValidationFailed.of('position', `is beyond the ledger head (${head})`);
      return events.filter((event) => event.position <= limit);
    }
    return events;
  }
}
