import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFound, ValidationFailed } from '../../common/errors.js';
import { EVENT_STORE, positionToString, type EventStore } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { Checkpoints } from '../seal/checkpoints.js';
import { GetInclusionProofQuery, type InclusionProof } from './get-inclusion-proof.query.js';

/**
 * The audit path of an event from the log's tree (KnowledgeCuts' ledger tree, O(log n) stored
 * hashes), with the checkpoint of that tree; the event is read once for its chain hash.
 */
@QueryHandler(GetInclusionProofQuery)
export class GetInclusionProofHandler implements IQueryHandler<GetInclusionProofQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly checkpoints: Checkpoints,
  ) {}

  async execute({ eventId, treeSize: asked }: GetInclusionProofQuery): Promise<InclusionProof> {
    await this.cuts.catchUp();
    const { tree } = this.cuts;
    const treeSize = asked ?? tree.size;
    if (treeSize > tree.size) throw ValidationFailed.of('treeSize', `is beyond the log's tree (${tree.size} events)`);
    const leafIndex = await tree.leafOf(eventId);
    if (leafIndex === undefined) throw new NotFound('event', eventId);
    if (leafIndex >= treeSize) {
      throw ValidationFailed.of('treeSize', `must be greater than the event's leaf index ${leafIndex}: the first ${treeSize} events do not include it`);
    }
    const position = tree.positionOf(leafIndex);
    const [event] = await this.store.readAll({ fromPosition: position, maxCount: 1 });
    return {
      leafIndex,
      treeSize,
      leafHash: tree.leafHash(leafIndex),
      auditPath: tree.inclusionProof(leafIndex, treeSize),
      eventId: event.id,
      position: positionToString(position),
      hash: event.hash,
      checkpoint: this.checkpoints.of(treeSize),
    };
  }
}
