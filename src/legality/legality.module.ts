import { Global, Module } from '@nestjs/common';
import { KNOWN_POLICY_FACTS, type KnownPolicyFacts } from '../policy/queries/list-policy-facts/known-policy-facts.js';
import { LegalityService } from './legality.service.js';
import { LegalityProjectionRunner } from './projections/legality-projection.runner.js';
import { EvaluateTransferController } from './queries/evaluate-transfer/evaluate-transfer.controller.js';
import { EvaluateTransferHandler } from './queries/evaluate-transfer/evaluate-transfer.handler.js';

/**
 * Legality: the projections fed by the global log, the LegalityService (used by the transfers
 * slice and audit) and `POST /v1/legality/evaluate`. The app provides `EVENT_STORE`, `CLOCK`,
 * KnowledgeCuts and the guard. Global, so that the policy slice's listings get the read model's
 * index of known facts (`KNOWN_POLICY_FACTS`) without importing legality.
 */
@Global()
@Module({
  controllers: [EvaluateTransferController],
  providers: [
    LegalityProjectionRunner,
    LegalityService,
    EvaluateTransferHandler,
    {
      provide: KNOWN_POLICY_FACTS,
      inject: [LegalityService],
      useFactory: (legality: LegalityService): KnownPolicyFacts => ({
        idsAt: (kind, cut) => legality.policyAt(cut).facts.filter((fact) => fact.kind === kind).map((fact) => fact.id).sort(),
      }),
    },
  ],
  exports: [LegalityService, KNOWN_POLICY_FACTS],
})
export class LegalityModule {}
