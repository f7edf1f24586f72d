import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import { NotFound } from '../../../common/errors.js';
import { GetPolicyFactQuery } from './get-policy-fact.query.js';
import { readPolicyFact } from './policy-fact.reader.js';
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
    const fact = await readPolicyFact(this.store, kind, id, limit);
    if (!fact) throw new NotFound(FACT_READERS[kind].what, id);
    return {
      id,
      kind,
      ...(cut.knownAt !== undefined ? { knownAt: cut.knownAt } : {}),
      ...(cut.position !== undefined ? { position: cut.position } : {}),
      current: fact.current,
      history: fact.history,
    };
  }
}
