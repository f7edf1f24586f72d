import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { Verdict } from '../../../legality/domain/verdict.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { VerdictDifference } from '../../domain/verdict-comparison.js';

/** `GET /v1/transfers/{id}/legality`: the verdict as known at the cut, beside the recorded one. */
export interface TransferLegalityView extends Verdict {
  readonly transferId: string;
  readonly recordedVerdict: Verdict;
  /** True when `legal`, `requirement`, `classification` or `satisfiedBy` differ from the recorded verdict. */
  readonly changed: boolean;
  /** Present when changed: which aspects differ and why. */
  readonly differences?: readonly VerdictDifference[];
}

export class GetTransferLegalityQuery extends Query<TransferLegalityView> {
  constructor(
    readonly transferId: string,
    /** The knowledge cut as the caller gave it (validated by LegalityService.resolveCut). */
    readonly cut: CutQuery,
    readonly principal: Principal,
  ) {
    super();
  }
}
