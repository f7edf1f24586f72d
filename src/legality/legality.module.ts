import { Module } from '@nestjs/common';
import { LegalityController } from './http/legality.controller.js';
import { LegalityService } from './legality.service.js';
import { LegalityProjectionRunner } from './projections/legality-projection.runner.js';

/**
 * Legality: the projections fed by the global log, the LegalityService (used by the transfers
 * slice) and `POST /v1/legality/evaluate`. The app provides `EVENT_STORE`, `CLOCK` and the guard.
 */
@Module({
  controllers: [LegalityController],
  providers: [LegalityProjectionRunner, LegalityService],
  exports: [LegalityService],
})
export class LegalityModule {}
