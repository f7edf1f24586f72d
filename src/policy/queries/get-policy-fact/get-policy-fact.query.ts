import { Query } from '@nestjs/cqrs';
import type { FactKind } from '../../domain/policy.streams.js';
import type { PolicyFactDto } from './policy-fact.dto.js';

/** The knowledge cut of a read (CONTRACT.md): at most one of the two. */
export interface KnowledgeCut {
  readonly knownAt?: string;
  readonly position?: string;
}

/** A policy fact as known now or at a cut: `GET /v1/{regimes|designations|data-lists|companies|instruments}/{id}`. */
export class GetPolicyFactQuery extends Query<PolicyFactDto> {
  constructor(
    readonly kind: FactKind,
    readonly id: string,
    readonly cut: KnowledgeCut,
  ) {
    super();
  }
}
