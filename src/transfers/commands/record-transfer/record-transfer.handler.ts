import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { asDomainEvent } from '../../../application/decide-and-append.js';
import { readEventAt } from '../../../application/event-at.js';
import { OneAtATime } from '../../../application/one-at-a-time.js';
import { assertActsFor } from '../../../auth/acts-for.js';
import { Conflict } from '../../../common/errors.js';
import { uuidv5, uuidv7 } from '../../../common/ids.js';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  positionToString,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
} from '../../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { toTransferUnderEvaluation, type TransferUnderEvaluation } from '../../../legality/domain/transfer-under-evaluation.js';
import { recordedVerdictOf } from '../../../legality/domain/verdict.js';
import { LegalityService } from '../../../legality/legality.service.js';
import type { Principal } from '../../../auth/principal.js';
import { checkDeclaration, classifyRecording } from '../../domain/transfer.decider.js';
import { companyTransfersStream, type TransferDeclaration, type TransferEvent, type TransferRecorded } from '../../domain/transfer.events.js';
import { evolveTransfer, initialTransferState } from '../../domain/transfer.state.js';
import { actorMetadata } from '../../transfer.metadata.js';
import { RecordTransferCommand, type RecordTransferAnswer, type RecordTransferResult } from './record-transfer.command.js';

/** How long a recording keeps losing its company's sequence to other writers before it gives up (409). */
const CONTENTION_LIMIT_MS = 10_000;

const answerOf = (event: RecordedEvent): RecordTransferAnswer => {
  const data = event.data as unknown as TransferRecorded['data'];
  return { transferId: data.transferId, position: positionToString(event.position), verdict: recordedVerdictOf(data.verdict) };
};

/**
 * The recording's event id, from the transfer id alone: a retry after a lost acknowledgement is a
 * store-level repeat, and on SQLite (ids unique in the whole log) a second company can never
 * record the same id at all.
 */
export const recordingEventId = (transferId: string): string => uuidv5(`TransferRecorded:${transferId}`);

/**
 * Records a transfer with the verdict of this moment (docs/design.md "Writing"): catch up to the
 * head, evaluate as known at the read model's position K, and append to the company's transfers
 * stream with the revision that stream had at K. Another writer's recording of the same company
 * in between makes the append fail (WrongExpectedRevisionError): catch up and evaluate again, so
 * a recorded verdict counts every transfer of its company before it in the log. In this process,
 * the recordings of one company go one at a time, each evaluated once the one before is in the
 * read model, so they never fail against each other. A transfer id the read model knows is
 * answered from its recording (a repeat: 200 with the first answer; other content: 409).
 */
@CommandHandler(RecordTransferCommand)
export class RecordTransferHandler implements ICommandHandler<RecordTransferCommand> {
  private readonly companies = new OneAtATime();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ declared, principal }: RecordTransferCommand): Promise<RecordTransferResult> {
    assertActsFor(principal, declared.companyId);
    const transfer = toTransferUnderEvaluation(declared);
    const { date: _date, ...rest } = transfer;
    const declaration: TransferDeclaration = { ...rest, transferId: declared.transferId };
    checkDeclaration(declaration);
    return this.companies.run(declaration.companyId, () => this.record(declaration, transfer, principal));
  }

  private async record(declaration: TransferDeclaration, transfer: TransferUnderEvaluation, principal: Principal): Promise<RecordTransferResult> {
    const stream = companyTransfersStream(declaration.companyId);
    // One id per command, in the metadata: a concurrent writer's identical recording differs in
    // it, so only this command's own retries can be store-level repeats (answered 201 once).
    const metadata = { ...actorMetadata(principal), commandId: uuidv7() };
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      await this.cuts.catchUp();
      // Nothing awaits from here to the append: the cut, the verdict and the revision expected
      // are of one state of the read model.
      const cut = this.cuts.reached;
      const recordedAt = this.legality.recordingPosition(declaration.transferId);
      if (recordedAt !== undefined) return this.answerRecorded(declaration, recordedAt);
      const verdict = this.legality.evaluateNew(transfer, cut);
      const data = { ...declaration, date: transfer.date, verdict } satisfies TransferRecorded['data'];
      try {
        const result = await this.store.append(
          stream,
          // The data as it is, without a JSON round trip: the store encodes it as canonical JSON (which
          // drops undefined members as JSON.stringify does, and refuses anything JSON cannot hold
          // exactly), and the read model gets it parsed back from that text.
          [{ id: recordingEventId(declaration.transferId), type: 'TransferRecorded', data: data as unknown as JsonObject, metadata }],
          { expectedRevision: this.legality.sequenceRevision(stream) ?? 'no-stream' },
        );
        const recorded = result.events[result.events.length - 1];
        // The company's next recording here is evaluated at a cut that holds this one.
        await this.cuts.waitFor(recorded.position);
        return { created: true, answer: answerOf(recorded) };
      } catch (error) {
        // Another writer recorded a transfer of this company (or this very id) since the cut.
        if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) throw error;
        if (Date.now() - started > CONTENTION_LIMIT_MS) {
          throw new Conflict(`transfers of company ${declaration.companyId} kept being recorded by other writers for ${CONTENTION_LIMIT_MS / 1000} s (${attempt} attempts); try again`);
        }
      }
    }
  }

  /** A transfer id already recorded: the first answer for the same declaration, else a 409 (classifyRecording). */
  private async answerRecorded(declaration: TransferDeclaration, position: Position): Promise<RecordTransferResult> {
    const recording = await readEventAt(this.store, position);
    classifyRecording(declaration, evolveTransfer(initialTransferState, asDomainEvent<TransferEvent>(recording)));
    return { created: false, answer: answerOf(recording) };
  }
}
