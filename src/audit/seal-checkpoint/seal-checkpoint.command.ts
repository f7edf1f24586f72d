import { Command } from '@nestjs/cqrs';

/** What sealing a tree size did: the position of its `CheckpointSealed` event, and whether this call appended it. */
export interface SealOutcome {
  readonly treeSize: number;
  readonly position: string;
  readonly appended: boolean;
}

/** Seal the tree of the first `treeSize` events into the log (CheckpointSealer sends it). */
export class SealCheckpointCommand extends Command<SealOutcome> {
  constructor(readonly treeSize: number) {
    super();
  }
}
