import { Query } from '@nestjs/cqrs';
import type { KeyObject } from 'node:crypto';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';
import type { CheckpointVerificationReport } from './checkpoint-verification.report.js';

/** Check the whole log against a checkpoint saved earlier, with the ledger's public key (`npm run verify -- --checkpoint`). */
export class VerifyCheckpointQuery extends Query<CheckpointVerificationReport> {
  constructor(
    readonly checkpoint: Checkpoint,
    readonly publicKey: KeyObject,
  ) {
    super();
  }
}
