import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { verifyChains } from '../../event-store/chain-verification.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { AuditRoute } from '../audit.routes.js';
import { VerificationDto } from './verification.dto.js';
import { verificationReport, type VerificationReport } from './verification.report.js';

/** Tamper evidence: every stream's hash chain recomputed through the port (chain-verification.ts). */
@ApiTags('audit')
@Controller('v1/audit')
export class VerificationController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** 200 whether the chains verify or not: the body says (`ok`, `firstProblem`). */
  @Get('verification')
  @AuditRoute('Verify every stream’s hash chain over the whole log (200 either way: `ok` and `firstProblem` say)', VerificationDto)
  async verify(): Promise<VerificationReport> {
    return verificationReport(await verifyChains(this.store));
  }
}
