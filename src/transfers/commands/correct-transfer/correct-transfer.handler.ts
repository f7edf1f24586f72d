import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideAndAppend } from '../../../application/decide-and-append.js';
import { EVENT_STORE, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { uuidv7 } from '../../../common/ids.js';
import { transferDecider } from '../../domain/transfer.decider.js';
import { transferStream, type TransferCorrected } from '../../domain/transfer.events.js';
import { actorMetadata } from '../../transfer.metadata.js';
import { TransferReader } from '../../transfer.reader.js';
import { CorrectTransferCommand, type CorrectTransferResult } from './correct-transfer.command.js';

/**
 * Appends a correction with the expected revision read (decideAndAppend). Without a caller-given
 * id the correction is named by its event's id, which stays the same across concurrency retries.
 */
@CommandHandler(CorrectTransferCommand)
export class CorrectTransferHandler implements ICommandHandler<CorrectTransferCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: TransferReader,
  ) {}

  async execute({ transferId, changes, correctionId, principal }: CorrectTransferCommand): Promise<CorrectTransferResult> {
    await this.reader.load(transferId, principal); // 404 unknown, 403 another company's
    const eventId = uuidv7();
    const outcome = await decideAndAppend(
      this.store,
      transferStream(transferId),
      transferDecider,
      { type: 'CorrectTransfer', data: { transferId, correctionId: correctionId ?? eventId, changes } },
      { metadata: actorMetadata(principal), eventId: () => eventId },
    );
    const data = outcome.event.data as unknown as TransferCorrected['data'];
    return {
      created: outcome.appended,
      answer: { transferId, correctionId: data.correctionId, eventId: outcome.event.id, position: positionToString(outcome.event.position) },
    };
  }
}
