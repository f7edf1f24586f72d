import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyChains } from '../../event-store/chain-verification.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { verificationReport, type VerificationReport } from './verification.report.js';
import { VerifyChainsQuery } from './verify-chains.query.js';

/** Tamper evidence: every stream's hash chain recomputed through the port (chain-verification.ts). */
@QueryHandler(VerifyChainsQuery)
export class VerifyChainsHandler implements IQueryHandler<VerifyChainsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(): Promise<VerificationReport> {
    return verificationReport(await verifyChains(this.store));
  }
}
