import { Query } from '@nestjs/cqrs';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';
import type { CutQuery } from '../../knowledge-cut/knowledge-cuts.js';

/** The signed checkpoint of the log as known at a cut (`GET /v1/audit/checkpoint`; default: the head). */
export class GetCheckpointQuery extends Query<Checkpoint> {
  constructor(readonly cut: CutQuery) {
    super();
  }
}
