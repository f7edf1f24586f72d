import { Query } from '@nestjs/cqrs';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { FactKind } from '../../domain/policy.streams.js';
import type { PolicyFact } from '../get-policy-fact/policy-fact.views.js';

/** A page of the facts of one kind known at a cut (`GET /v1/regimes`, …; docs/api.md §13). */
export interface PolicyFactListing {
  /** Each as `GET /v1/<kind>/{id}` answers it at the cut, in id order. */
  readonly items: readonly Omit<PolicyFact, 'knownAt' | 'position'>[];
  readonly cut: string;
  readonly nextCursor: string | null;
}

export class ListPolicyFactsQuery extends Query<PolicyFactListing> {
  constructor(
    readonly kind: FactKind,
    readonly cut: CutQuery,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
