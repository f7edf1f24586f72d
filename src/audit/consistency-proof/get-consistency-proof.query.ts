import { Query } from '@nestjs/cqrs';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';

/** A consistency proof (RFC 9162 §2.1.4): the tree of `from` events is a prefix of the tree of `to`. */
export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  /** Hex hashes; empty when from = to. */
  readonly proof: readonly string[];
  /** The signed checkpoint of the tree of `to` events. */
  readonly checkpoint: Checkpoint;
}

/** `GET /v1/audit/proofs/consistency?from=&to=` (`to` default: the whole log). */
export class GetConsistencyProofQuery extends Query<ConsistencyProof> {
  constructor(
    readonly from: number,
    readonly to: number | undefined,
  ) {
    super();
  }
}
