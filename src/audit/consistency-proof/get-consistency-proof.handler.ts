import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationFailed, type Problem } from '../../common/errors.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { Checkpoints } from '../seal/checkpoints.js';
import { GetConsistencyProofQuery, type ConsistencyProof } from './get-consistency-proof.query.js';

/** Proves the log at `to` events extends the log at `from` (KnowledgeCuts' ledger tree, O(log n) stored hashes). */
@QueryHandler(GetConsistencyProofQuery)
export class GetConsistencyProofHandler implements IQueryHandler<GetConsistencyProofQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly checkpoints: Checkpoints,
  ) {}

  async execute({ from, to: asked }: GetConsistencyProofQuery): Promise<ConsistencyProof> {
    await this.cuts.catchUp();
    const { size } = this.cuts.tree;
    const to = asked ?? size;
    const problems: Problem[] = [];
    if (from < 1) problems.push({ field: 'from', reason: 'must be at least 1 (every tree extends the empty one: there is nothing to prove)' });
    else if (from > to) problems.push({ field: 'from', reason: `must not be greater than to (${to})` });
    if (to > size) problems.push({ field: 'to', reason: `is beyond the log's tree (${size} events)` });
    if (problems.length > 0) throw new ValidationFailed(problems);
    return { from, to, proof: this.cuts.tree.consistencyProof(from, to), checkpoint: this.checkpoints.of(to) };
  }
}
