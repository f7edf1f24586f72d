import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { recordedVerdictOf } from '../../../legality/domain/verdict.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { compareVerdicts } from '../../domain/verdict-comparison.js';
import { TransferReader } from '../../transfer.reader.js';
import { GetTransferLegalityQuery, type TransferLegalityView } from './get-transfer-legality.query.js';

/**
 * Recomputes a recorded transfer's verdict as known at a cut (default: now) and compares it with
 * the verdict recorded then (docs/domain.md §4: the ledger answers both and reports the difference).
 */
@QueryHandler(GetTransferLegalityQuery)
export class GetTransferLegalityHandler implements IQueryHandler<GetTransferLegalityQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
    private readonly reader: TransferReader,
  ) {}

  async execute({ transferId, cut: given, principal }: GetTransferLegalityQuery): Promise<TransferLegalityView> {
    const cut = await this.cuts.resolve(given); // 400 naming knownAt or position first
    const { state, events } = await this.reader.load(transferId, principal);
    const verdict = this.legality.evaluateRecorded(transferId, cut);
    const recordedVerdict = recordedVerdictOf(state.recorded.verdict);
    // The transfer's own corrections known at the cut are part of the explanation.
    const corrections = events.slice(1).flatMap((event, i) => (event.position <= cut ? [{ ...state.corrections[i], position: event.position }] : []));
    const { changed, differences } = compareVerdicts(recordedVerdict, verdict, corrections);
    return { transferId, ...verdict, recordedVerdict, changed, ...(changed ? { differences } : {}) };
  }
}
