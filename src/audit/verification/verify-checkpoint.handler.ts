import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { verifyAgainstCheckpoint } from './checkpoint-verification.js';
import { checkpointVerificationReport, type CheckpointVerificationReport } from './checkpoint-verification.report.js';
import { VerifyCheckpointQuery } from './verify-checkpoint.query.js';

/** The log against a checkpoint, through the port (checkpoint-verification.ts). */
@QueryHandler(VerifyCheckpointQuery)
export class VerifyCheckpointHandler implements IQueryHandler<VerifyCheckpointQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ checkpoint, publicKey }: VerifyCheckpointQuery): Promise<CheckpointVerificationReport> {
    return checkpointVerificationReport(await verifyAgainstCheckpoint(this.store, checkpoint, publicKey));
  }
}
