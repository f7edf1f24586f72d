import { Module } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { LegalityModule } from '../legality/legality.module.js';
import { JsonLogger } from '../logging/json.logger.js';
import { CheckpointController } from './checkpoint/checkpoint.controller.js';
import { GetCheckpointHandler } from './checkpoint/get-checkpoint.handler.js';
import { ConsistencyProofController } from './consistency-proof/consistency-proof.controller.js';
import { GetConsistencyProofHandler } from './consistency-proof/get-consistency-proof.handler.js';
import { GetInclusionProofHandler } from './inclusion-proof/get-inclusion-proof.handler.js';
import { InclusionProofController } from './inclusion-proof/inclusion-proof.controller.js';
import { GetPolicyStateHandler } from './policy-state/get-policy-state.handler.js';
import { PolicyStateController } from './policy-state/policy-state.controller.js';
import { GetPublicKeyHandler } from './public-key/get-public-key.handler.js';
import { PublicKeyController } from './public-key/public-key.controller.js';
import { CheckpointSigner } from './seal/checkpoint.signer.js';
import { Checkpoints } from './seal/checkpoints.js';
import { provisionSigningKey } from './seal/signing-key.provisioning.js';
import { CheckpointSealer } from './seal-checkpoint/checkpoint.sealer.js';
import { SealCheckpointHandler } from './seal-checkpoint/seal-checkpoint.handler.js';
import { GetTimelineHandler } from './timeline/get-timeline.handler.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { VerificationController } from './verification/verification.controller.js';
import { VerifyChainsHandler } from './verification/verify-chains.handler.js';

/**
 * The auditor's tools (roles `auditor`, `regulator`): chain verification, the policy state in
 * force on a date as known at a cut (from the legality projections' policy history), the log's
 * timeline, and the sealed log (docs/api.md §9): the signing key, checkpoints, inclusion and
 * consistency proofs from KnowledgeCuts' ledger tree, and the sealer that appends a
 * `CheckpointSealed` event now and then. `EVENT_STORE` is global; `cli.ts verify` runs the same
 * verifications offline.
 */
@Module({
  imports: [LegalityModule],
  controllers: [
    VerificationController,
    PolicyStateController,
    TimelineController,
    PublicKeyController,
    CheckpointController,
    InclusionProofController,
    ConsistencyProofController,
  ],
  providers: [
    VerifyChainsHandler,
    GetPolicyStateHandler,
    GetTimelineHandler,
    {
      provide: CheckpointSigner,
      inject: [LEDGER_CONFIG, JsonLogger],
      useFactory: (config: LedgerConfig, logger: JsonLogger) => {
        const { privateKey, source, file, exposed } = provisionSigningKey(config.eventStoreUrl, config.signingKey);
        if (exposed) logger.write('warn', 'seal', `the signing key file ${file} is readable or writable by others: chmod 600 it`);
        const signer = new CheckpointSigner(privateKey);
        logger.write('info', 'seal', 'signing key loaded', { source, ...(file ? { file } : {}) });
        return signer;
      },
    },
    Checkpoints,
    GetPublicKeyHandler,
    GetCheckpointHandler,
    GetInclusionProofHandler,
    GetConsistencyProofHandler,
    SealCheckpointHandler,
    CheckpointSealer,
  ],
})
export class AuditModule {}
