import { Query } from '@nestjs/cqrs';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { FactKind } from '../../domain/policy.streams.js';
import type { PolicyFact } from './policy-fact.views.js';

/** A policy fact as known now or at a cut: `GET /v1/{regimes|designations|data-lists|companies|instruments}/{id}`. */
export class GetPolicyFactQuery extends Query<PolicyFact> {
  constructor(
    readonly kind: FactKind,
    readonly id: string,
    readonly cut: CutQuery,
  ) {
    super();
  }
}
