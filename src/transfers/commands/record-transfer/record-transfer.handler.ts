import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideAndAppend, loadStream } from '../../../application/decide-and-append.js';
import { assertActsFor } from '../../../auth/acts-for.js';
import { EVENT_STORE, positionToString, type EventStore, type RecordedEvent } from '../../../event-store/event-store.port.js';
import { toTransferUnderEvaluation } from '../../../legality/domain/transfer-under-evaluation.js';
import { recordedVerdictOf } from '../../../legality/domain/verdict.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { classifyRecording, transferDecider } from '../../domain/transfer.decider.js';
import { transferStream, type TransferDeclaration, type TransferRecorded } from '../../domain/transfer.events.js';
import { actorMetadata } from '../../transfer.metadata.js';
import { RecordTransferCommand, type RecordTransferAnswer, type RecordTransferResult } from './record-transfer.command.js';

const answerOf = (event: RecordedEvent): RecordTransferAnswer => {
  const data = event.data as unknown as TransferRecorded['data'];
  return { transferId: data.transferId, position: positionToString(event.position), verdict: recordedVerdictOf(data.verdict) };
};

/**
 * Records a transfer with the verdict of this moment (docs/design.md "Reading"): catch up to the
 * head H, evaluate as known at H, append with `no-stream`. A repeat of the recorded declaration
 * answers the first answer; a writer that loses a concurrent `no-stream` race re-reads and finds
 * its repeat there (decideAndAppend).
 */
@CommandHandler(RecordTransferCommand)
export class RecordTransferHandler implements ICommandHandler<RecordTransferCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ declared, principal }: RecordTransferCommand): Promise<RecordTransferResult> {
    assertActsFor(principal, declared.companyId);
    const transfer = toTransferUnderEvaluation(declared);
    const { date, ...rest } = transfer;
    const declaration: TransferDeclaration = { ...rest, transferId: declared.transferId };
    const stream = transferStream(declaration.transferId);

    // A repeat needs no evaluation: answer it from the stream straight away.
    const loaded = await loadStream(this.store, stream, transferDecider);
    if (classifyRecording(declaration, loaded.state) === 'repeat') return { created: false, answer: answerOf(loaded.events[0]) };

    const cut = await this.cuts.catchUp();
    const verdict = this.legality.evaluateNew(transfer, cut);
    const outcome = await decideAndAppend(
      this.store,
      stream,
      transferDecider,
      { type: 'RecordTransfer', data: { ...declaration, date, verdict } },
      { metadata: actorMetadata(principal) },
    );
    return { created: outcome.appended, answer: answerOf(outcome.event) };
  }
}
