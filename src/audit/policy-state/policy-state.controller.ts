import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditRoute } from '../audit.routes.js';
import type { PolicyState } from '../domain/policy-state.js';
import { GetPolicyStateQuery } from './get-policy-state.query.js';
import { PolicyStateDto } from './policy-state.dto.js';
import { PolicyStateRequestDto } from './policy-state.request.dto.js';

/** The policy facts in force on a date as known at a cut (GetPolicyStateHandler). */
@ApiTags('audit')
@Controller('v1/audit')
export class PolicyStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get('policy-state')
  @AuditRoute(
    'The policy in force on a date as known now or at knownAt/position: regimes (and the one in force), designations, data lists with their entries that day, companies, instruments, each citing its event',
    PolicyStateDto,
    'date missing or not a real calendar date, a malformed knownAt or position, both given, or a position beyond the head',
  )
  policyState(@Query() query: PolicyStateRequestDto): Promise<PolicyState> {
    return this.queries.execute(new GetPolicyStateQuery(query.date, { knownAt: query.knownAt, position: query.position }));
  }
}
