import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, positionToString, type EventStore, type JsonObject } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { CHECKPOINT_SEALED, SEAL_STREAM, sealEventId } from '../domain/checkpoint-sealed.event.js';
import { Checkpoints } from '../seal/checkpoints.js';
import { SealCheckpointCommand, type SealOutcome } from './seal-checkpoint.command.js';

/** Seal events name the sealer as their actor, as expiry events name the expiry scheduler. */
const SEALER_METADATA: JsonObject = { actor: { role: 'system', keyId: 'checkpoint-sealer' } };

/**
 * Appends the `CheckpointSealed` event of a tree size (docs/api.md §9 "Sealed log"), once: its id
 * and content follow from the tree size, so a second instance's append of the same size is an
 * idempotent repeat, and a size already sealed is not appended again.
 */
@CommandHandler(SealCheckpointCommand)
export class SealCheckpointHandler implements ICommandHandler<SealCheckpointCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly checkpoints: Checkpoints,
  ) {}

  async execute({ treeSize }: SealCheckpointCommand): Promise<SealOutcome> {
    await this.cuts.waitForTreeSize(treeSize);
    const id = sealEventId(treeSize);
    const { tree } = this.cuts;
    const sealedAt = await tree.leafOf(id);
    if (sealedAt !== undefined) return { treeSize, position: positionToString(tree.positionOf(sealedAt)), appended: false };
    const data = { ...this.checkpoints.of(treeSize) } as unknown as JsonObject;
    const { events } = await this.store.append(SEAL_STREAM, [{ id, type: CHECKPOINT_SEALED, data, metadata: SEALER_METADATA }], { expectedRevision: 'any' });
    return { treeSize, position: positionToString(events[0].position), appended: true };
  }
}
