import { Module } from '@nestjs/common';
import { LegalityService } from './legality.service.js';
import { LegalityProjectionRunner } from './projections/legality-projection.runner.js';
import { EvaluateTransferController } from './queries/evaluate-transfer/evaluate-transfer.controller.js';
import { EvaluateTransferHandler } from './queries/evaluate-transfer/evaluate-transfer.handler.js';

/**
 * Legality: the projections fed by the global log, the LegalityService (used by the transfers
 * slice and audit) and `POST /v1/legality/evaluate`. The app provides `EVENT_STORE`, `CLOCK`,
 * KnowledgeCuts and the guard.
 */
@Module({
  controllers: [EvaluateTransferController],
  providers: [LegalityProjectionRunner, LegalityService, EvaluateTransferHandler],
  exports: [LegalityService],
})
export class LegalityModule {}
