import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { DeclaredTransfer } from '../../domain/transfer-under-evaluation.js';
import type { Verdict } from '../../domain/verdict.js';

/** The verdict for a hypothetical transfer as known now or at a cut; records nothing (`POST /v1/legality/evaluate`). */
export class EvaluateTransferQuery extends Query<Verdict> {
  constructor(
    readonly declared: DeclaredTransfer,
    readonly cut: CutQuery,
    readonly principal: Principal,
  ) {
    super();
  }
}
