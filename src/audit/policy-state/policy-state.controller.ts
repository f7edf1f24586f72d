import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LegalityService } from '../../legality/legality.service.js';
import { AuditRoute } from '../audit.routes.js';
import { policyStateOn, type PolicyState } from '../domain/policy-state.js';
import { PolicyStateDto } from './policy-state.dto.js';
import { PolicyStateRequestDto } from './policy-state.request.dto.js';

/** The policy facts in force on a date as known at a cut, from the in-memory policy history (no replay per request). */
@ApiTags('audit')
@Controller('v1/audit')
export class PolicyStateController {
  constructor(private readonly legality: LegalityService) {}

  @Get('policy-state')
  @AuditRoute(
    'The policy in force on a date as known now or at knownAt/position: regimes (and the one in force), designations, data lists with their entries that day, companies, instruments, each citing its event',
    PolicyStateDto,
    'date missing or not a real calendar date, a malformed knownAt or position, both given, or a position beyond the head',
  )
  async policyState(@Query() query: PolicyStateRequestDto): Promise<PolicyState> {
    const cut = await this.legality.resolveCut({ knownAt: query.knownAt, position: query.position });
    return policyStateOn(this.legality.policyAt(cut), query.date, cut);
  }
}
