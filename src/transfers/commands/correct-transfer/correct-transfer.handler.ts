import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { asDomainEvent, decideAndAppend, expectedRevisionAfter } from '../../../application/decide-and-append.js';
import type { Decider } from '../../../common/decider.js';
import { EVENT_STORE, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { uuidv7 } from '../../../common/ids.js';
import { transferDecider, type TransferCommand } from '../../domain/transfer.decider.js';
import { transferStream, type TransferCorrected, type TransferEvent } from '../../domain/transfer.events.js';
import { evolveTransfer, initialTransferState, type TransferState } from '../../domain/transfer.state.js';
import { actorMetadata } from '../../transfer.metadata.js';
import { TransferReader } from '../../transfer.reader.js';
import { CorrectTransferCommand, type CorrectTransferResult } from './correct-transfer.command.js';

/**
 * The transfer's own stream `transfer-<id>` folded from its recording, wherever that is: the
 * stream holds the corrections (and, for a transfer recorded before the company streams, the
 * recording itself, which is skipped as already folded).
 */
const correctionsDecider = (recording: TransferEvent): Decider<TransferCommand, TransferEvent, TransferState> => ({
  ...transferDecider,
  initialState: evolveTransfer(initialTransferState, recording),
  evolve: (state, event) => (event.type === 'TransferRecorded' ? state : evolveTransfer(state, event)),
});

/**
 * Appends a correction to `transfer-<id>` with the expected revision read (decideAndAppend), on
 * the stream the reader has just read. Without a caller-given id the correction is named by its
 * event's id, which stays the same across concurrency retries.
 */
@CommandHandler(CorrectTransferCommand)
export class CorrectTransferHandler implements ICommandHandler<CorrectTransferCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: TransferReader,
  ) {}

  async execute({ transferId, changes, correctionId, principal }: CorrectTransferCommand): Promise<CorrectTransferResult> {
    const loaded = await this.reader.load(transferId, principal); // 404 unknown, 403 another company's
    const eventId = uuidv7();
    const ownStream = loaded.ownStream;
    const outcome = await decideAndAppend(
      this.store,
      transferStream(transferId),
      correctionsDecider(asDomainEvent<TransferEvent>(loaded.events[0])),
      { type: 'CorrectTransfer', data: { transferId, correctionId: correctionId ?? eventId, changes } },
      {
        metadata: actorMetadata(principal),
        eventId: () => eventId,
        loaded: { events: ownStream, state: loaded.state, expectedRevision: expectedRevisionAfter(ownStream) },
      },
    );
    const data = outcome.event.data as unknown as TransferCorrected['data'];
    return {
      created: outcome.appended,
      answer: { transferId, correctionId: data.correctionId, eventId: outcome.event.id, position: positionToString(outcome.event.position) },
    };
  }
}
