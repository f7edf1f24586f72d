import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { Checkpoints } from '../seal/checkpoints.js';
import { GetCheckpointQuery } from './get-checkpoint.query.js';

/** The checkpoint of the events at or before the cut (KnowledgeCuts resolves it: 400 beyond the head). */
@QueryHandler(GetCheckpointQuery)
export class GetCheckpointHandler implements IQueryHandler<GetCheckpointQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly checkpoints: Checkpoints,
  ) {}

  async execute({ cut }: GetCheckpointQuery): Promise<Checkpoint> {
    const position = await this.cuts.resolve(cut);
    return this.checkpoints.of(this.cuts.tree.sizeAt(position));
  }
}
