import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { DeclaredTransfer } from '../../../legality/domain/transfer-under-evaluation.js';
import type { Verdict } from '../../../legality/domain/verdict.js';

/** The answer of `POST /v1/transfers` (docs/api.md): the same on an idempotent repeat. */
export interface RecordTransferAnswer {
  readonly transferId: string;
  /** The ledger position of the `TransferRecorded` event. */
  readonly position: string;
  /** The verdict given when it was recorded; its `position` is the knowledge cut used. */
  readonly verdict: Verdict;
}

export interface RecordTransferResult {
  /** False for an idempotent repeat (HTTP 200 instead of 201). */
  readonly created: boolean;
  readonly answer: RecordTransferAnswer;
}

/** Record a transfer, as declared by a service for its own company. */
export class RecordTransferCommand extends Command<RecordTransferResult> {
  constructor(
    readonly declared: DeclaredTransfer & { readonly transferId: string },
    readonly principal: Principal,
  ) {
    super();
  }
}
