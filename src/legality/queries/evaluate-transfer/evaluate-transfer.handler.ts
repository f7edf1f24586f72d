import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertActsFor } from '../../../auth/acts-for.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { toTransferUnderEvaluation } from '../../domain/transfer-under-evaluation.js';
import type { Verdict } from '../../domain/verdict.js';
import { LegalityService } from '../../legality.service.js';
import { EvaluateTransferQuery } from './evaluate-transfer.query.js';

/** A service asks only about its own company (403 otherwise); auditors and regulators about any. */
@QueryHandler(EvaluateTransferQuery)
export class EvaluateTransferHandler implements IQueryHandler<EvaluateTransferQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ declared, cut: given, principal }: EvaluateTransferQuery): Promise<Verdict> {
    assertActsFor(principal, declared.companyId);
    const cut = await this.cuts.resolve(given);
    return this.legality.evaluateNew(toTransferUnderEvaluation(declared), cut);
  }
}
