import { uuidv5 } from '../../common/ids.js';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';

/**
 * The ledger seals its own log (docs/api.md §9 "Sealed log"): now and then it appends a
 * `CheckpointSealed` event carrying a signed checkpoint of the log before it, so the log holds
 * signed roots of its own past that any verifier can check with the public key. Every instance
 * derives the event from the tree size alone: the id from the size, the checkpoint from the
 * tree (Ed25519 signatures are deterministic), so two instances sealing the same size append it
 * once. Legality and policy read no event of this stream.
 */
export const SEAL_STREAM = 'ledger-seal';
export const CHECKPOINT_SEALED = 'CheckpointSealed';

export interface CheckpointSealed {
  readonly type: typeof CHECKPOINT_SEALED;
  /** The checkpoint of the first `treeSize` ledger events, as `GET /v1/audit/checkpoint` answers it. */
  readonly data: Checkpoint;
}

/** The one id of the seal of a tree size. */
export const sealEventId = (treeSize: number): string => uuidv5(`checkpoint-sealed:${treeSize}`);
