import { Injectable } from '@nestjs/common';
import { KnowledgeCuts } from '../knowledge-cut/knowledge-cuts.js';
import type { PolicyView } from './domain/policy-history.js';
import type { TransferUnderEvaluation } from './domain/transfer-under-evaluation.js';
import type { Verdict } from './domain/verdict.js';
import { VerdictsAtCut } from './domain/verdicts-at-cut.js';
import { LegalityProjectionRunner } from './projections/legality-projection.runner.js';
import type { LegalityProjections } from './projections/legality.projections.js';

/**
 * Verdicts as known at any knowledge cut (docs/domain.md §4, docs/design.md "Reading"). Resolve
 * the cut with KnowledgeCuts first (src/knowledge-cut): it waits until the projections have
 * reached it. The transfers slice records a transfer with `const cut = await cuts.catchUp();
 * const verdict = evaluateNew(t, cut)`, then appends `TransferRecorded` with that verdict; and
 * `evaluateRecorded(id, BigInt(verdict.position))` gives that verdict back exactly. Each verdict
 * names the tree of its cut (`seal`, docs/api.md §8), which is the same at every asking too.
 */
@Injectable()
export class LegalityService {
  constructor(
    private readonly runner: LegalityProjectionRunner,
    private readonly cuts: KnowledgeCuts,
  ) {}

  /** The verdict for a transfer that is not (yet) in the log at `cut`: it counts itself once and comes after every known transfer with the same instant. */
  evaluateNew(transfer: TransferUnderEvaluation, cut: bigint): Verdict {
    return this.sealed(this.runner.projections.evaluateNew(transfer, cut), cut);
  }

  /** The verdict for a recorded transfer as known at `cut` (as recorded, if recorded after `cut`). NotFound if it is not recorded at all. */
  evaluateRecorded(transferId: string, cut: bigint): Verdict {
    return this.sealed(this.runner.projections.evaluateRecorded(transferId, cut), cut);
  }

  /** See LegalityProjections.recordingPosition: where the transfer's recording is in the log, as far as the read model has read it. */
  recordingPosition(transferId: string): bigint | undefined {
    return this.runner.projections.recordingPosition(transferId);
  }

  /** The last revision of a company's transfers stream as the read model has read it now (at {@link KnowledgeCuts.reached}). */
  sequenceRevision(stream: string): bigint | undefined {
    return this.runner.projections.sequenceRevision(stream);
  }

  /** Every policy fact as known at `cut` (from the policy history: no replay of the log). */
  policyAt(cut: bigint): PolicyView {
    return this.runner.projections.policy.viewAt(cut);
  }

  /** Verdicts of recorded transfers as known at `cut`, for listings and reports (resolve and wait for the cut first). */
  verdictsAt(cut: bigint): VerdictsAtCut {
    return new VerdictsAtCut(this.runner.projections.transfers, this.policyAt(cut), cut);
  }

  /** The read model itself (policy history, recorded transfers, log index), for the listings and reports that read it whole. */
  get readModel(): LegalityProjections {
    return this.runner.projections;
  }

  private sealed(verdict: Verdict, cut: bigint): Verdict {
    return { ...verdict, seal: this.cuts.sealAt(cut) };
  }
}
