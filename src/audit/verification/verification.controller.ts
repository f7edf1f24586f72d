import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditRoute } from '../audit.routes.js';
import { VerificationDto } from './verification.dto.js';
import type { VerificationReport } from './verification.report.js';
import { VerifyChainsQuery } from './verify-chains.query.js';

/** Tamper evidence: every stream's hash chain recomputed (VerifyChainsHandler). */
@ApiTags('audit')
@Controller('v1/audit')
export class VerificationController {
  constructor(private readonly queries: QueryBus) {}

  /** 200 whether the chains verify or not: the body says (`ok`, `firstProblem`). */
  @Get('verification')
  @AuditRoute('Verify every stream’s hash chain over the whole log (200 either way: `ok` and `firstProblem` say)', VerificationDto)
  verify(): Promise<VerificationReport> {
    return this.queries.execute(new VerifyChainsQuery());
  }
}
