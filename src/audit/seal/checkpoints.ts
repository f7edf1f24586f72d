import { Injectable } from '@nestjs/common';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';
import { positionToString } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { CheckpointSigner } from './checkpoint.signer.js';

/** What an empty tree's checkpoint is dated: it has no last event. */
const EMPTY_TREE_TIMESTAMP = new Date(0).toISOString();

/**
 * Signed checkpoints of the log's tree (KnowledgeCuts' ledger tree) at any size it has reached.
 * A checkpoint depends on the tree size alone: its position and timestamp are those of the tree's
 * last event, and Ed25519 signs deterministically, so every asking, and every instance holding
 * the key, gives the same bytes.
 */
@Injectable()
export class Checkpoints {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly signer: CheckpointSigner,
  ) {}

  /** The checkpoint of the first `treeSize` events (at most the tree's size: catch up first). */
  of(treeSize: number): Checkpoint {
    const { tree } = this.cuts;
    const last = treeSize - 1;
    return this.signer.sign({
      treeSize,
      rootHash: tree.rootHash(treeSize),
      position: treeSize === 0 ? '0' : positionToString(tree.positionOf(last)),
      timestamp: treeSize === 0 ? EMPTY_TREE_TIMESTAMP : tree.recordedAtOf(last).toISOString(),
    });
  }
}
