import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { TransferChanges } from '../../domain/transfer.events.js';

/** The answer of `POST /v1/transfers/{transferId}/corrections`: the same on an idempotent repeat. */
export interface CorrectTransferAnswer {
  readonly transferId: string;
  /** The caller's id, or else the new event's id. */
  readonly correctionId: string;
  readonly eventId: string;
  /** The ledger position of the `TransferCorrected` event: the correction counts from here on. */
  readonly position: string;
}

export interface CorrectTransferResult {
  readonly created: boolean;
  readonly answer: CorrectTransferAnswer;
}

/** Correct a recorded transfer's counts, `importantData`, category or destination. */
export class CorrectTransferCommand extends Command<CorrectTransferResult> {
  constructor(
    readonly transferId: string,
    readonly changes: TransferChanges,
    /** Optional caller-given id: repeating it with the same changes is an idempotent repeat. */
    readonly correctionId: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
