import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../legality/legality.service.js';
import { policyStateOn, type PolicyState } from '../domain/policy-state.js';
import { GetPolicyStateQuery } from './get-policy-state.query.js';

/** From the in-memory policy history of the legality projections: no replay per request. */
@QueryHandler(GetPolicyStateQuery)
export class GetPolicyStateHandler implements IQueryHandler<GetPolicyStateQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ date, cut: given }: GetPolicyStateQuery): Promise<PolicyState> {
    const cut = await this.cuts.resolve(given);
    return policyStateOn(this.legality.policyAt(cut), date, cut);
  }
}
