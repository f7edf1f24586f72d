import { Module } from '@nestjs/common';
import { LegalityModule } from '../legality/legality.module.js';
import { CorrectTransferController } from './commands/correct-transfer/correct-transfer.controller.js';
import { CorrectTransferHandler } from './commands/correct-transfer/correct-transfer.handler.js';
import { RecordTransferController } from './commands/record-transfer/record-transfer.controller.js';
import { RecordTransferHandler } from './commands/record-transfer/record-transfer.handler.js';
import { GetTransferLegalityController } from './queries/get-transfer-legality/get-transfer-legality.controller.js';
import { GetTransferLegalityHandler } from './queries/get-transfer-legality/get-transfer-legality.handler.js';
import { GetTransferController } from './queries/get-transfer/get-transfer.controller.js';
import { ListTransfersController } from './queries/list-transfers/list-transfers.controller.js';
import { ListTransfersHandler } from './queries/list-transfers/list-transfers.handler.js';
import { GetTransferHandler } from './queries/get-transfer/get-transfer.handler.js';
import { TransferReader } from './transfer.reader.js';

/**
 * The transfers slice (docs/api.md "Transfers"): record with the verdict of the moment, correct,
 * read, and legality as known then. `EVENT_STORE` and the CQRS buses come from AppModule.
 */
@Module({
  imports: [LegalityModule],
  controllers: [RecordTransferController, CorrectTransferController, ListTransfersController, GetTransferController, GetTransferLegalityController],
  providers: [TransferReader, RecordTransferHandler, CorrectTransferHandler, GetTransferHandler, GetTransferLegalityHandler, ListTransfersHandler],
})
export class TransfersModule {}
