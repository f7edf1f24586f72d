import { Query } from '@nestjs/cqrs';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';

/** An inclusion proof (RFC 9162 §2.1.3) of one event in the tree of the first `treeSize` events. */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Hex SHA-256(0x00 ‖ the 32 bytes of the event's hash). */
  readonly leafHash: string;
  /** Hex sibling hashes, leaf side first. */
  readonly auditPath: readonly string[];
  readonly eventId: string;
  /** The event's ledger position (decimal). */
  readonly position: string;
  /** The event's chain hash (hex): what the leaf hashes. */
  readonly hash: string;
  /** The signed checkpoint of the tree the proof leads to. */
  readonly checkpoint: Checkpoint;
}

/** `GET /v1/audit/proofs/inclusion?eventId=&treeSize=` (default: the tree of the whole log). */
export class GetInclusionProofQuery extends Query<InclusionProof> {
  constructor(
    readonly eventId: string,
    readonly treeSize: number | undefined,
  ) {
    super();
  }
}
