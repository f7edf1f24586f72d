import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { asDomainEvent } from '../../../application/decide-and-append.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { EVENT_STORE, type EventStore, positionToString, type RecordedEvent, StreamNotFoundError } from '../../../event-store/event-store.port.js';
import { NotFound } from '../../../common/errors.js';
import { factStream } from '../../domain/policy.streams.js';
import { GetPolicyFactQuery } from './get-policy-fact.query.js';
import { FACT_READERS, type PolicyFact } from './policy-fact.views.js';

/**
 * Reads the fact's stream and folds only the events known at the cut (docs/design.md "Reading").
 * The cut comes from KnowledgeCuts, so `knownAt` and `position` mean exactly what they mean for
 * verdicts (the last position recorded at or before `knownAt`).
 */
@QueryHandler(GetPolicyFactQuery)
export class GetPolicyFactHandler implements IQueryHandler<GetPolicyFactQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
  ) {}

  async execute({ kind, id, cut }: GetPolicyFactQuery): Promise<PolicyFact> {
    const limit = await this.cuts.resolve(cut);
    const known = (await this.read(factStream(kind, id))).filter((event) => event.position <= limit);
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
        hash: event.hash,
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
}
