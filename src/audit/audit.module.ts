import { Module } from '@nestjs/common';
import { LegalityModule } from '../legality/legality.module.js';
import { GetPolicyStateHandler } from './policy-state/get-policy-state.handler.js';
import { PolicyStateController } from './policy-state/policy-state.controller.js';
import { GetTimelineHandler } from './timeline/get-timeline.handler.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { VerificationController } from './verification/verification.controller.js';
import { VerifyChainsHandler } from './verification/verify-chains.handler.js';

/**
 * The auditor's tools (roles `auditor`, `regulator`): chain verification, the policy state in
 * force on a date as known at a cut (from the legality projections' policy history), and the
 * log's timeline. `EVENT_STORE` is global; `cli.ts verify` runs the same verification offline.
 */
@Module({
  imports: [LegalityModule],
  controllers: [VerificationController, PolicyStateController, TimelineController],
  providers: [VerifyChainsHandler, GetPolicyStateHandler, GetTimelineHandler],
})
export class AuditModule {}
