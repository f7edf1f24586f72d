import { Inject, Optional } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyChains } from '../../event-store/chain-verification.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { LegalityService } from '../../legality/legality.service.js';
import { verificationReport, type VerificationReport } from './verification.report.js';
import { VerifyChainsQuery } from './verify-chains.query.js';

/**
 * Tamper evidence: every stream's hash chain recomputed through the port (chain-verification.ts);
 * beside it, over HTTP, the recordings the read model ignores for a taken transfer id, when there are any.
 */
@QueryHandler(VerifyChainsQuery)
export class VerifyChainsHandler implements IQueryHandler<VerifyChainsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Absent in the CLI's verification, which reads the log through the port alone.
    @Optional() private readonly legality?: LegalityService,
  ) {}

  async execute(): Promise<VerificationReport> {
    const report = verificationReport(await verifyChains(this.store));
    if (!this.legality) return report;
    // As far as the read model has read the log, without waiting for it: the verification must
    // answer also when the read model has stopped (on a malformed event, say).
    const ignored = this.legality.readModel.ignoredRecordings;
    if (ignored.length === 0) return report;
    return { ...report, ignoredRecordings: ignored.map(({ transferId, stream, position }) => ({ transferId, stream, position: position.toString(10) })) };
  }
}
