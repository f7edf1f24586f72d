import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertActsFor } from '../../auth/acts-for.js';
import { CurrentPrincipal, Roles, type Principal } from '../../auth/principal.js';
import type { Verdict } from '../domain/verdict.js';
import { toTransferUnderEvaluation } from '../domain/transfer-under-evaluation.js';
import { LegalityService } from '../legality.service.js';
import { EvaluateTransferRequestDto } from './evaluate-transfer.request.dto.js';
import { VerdictDto } from './verdict.dto.js';

/** CONTRACT.md "Questions": hypothetical transfers evaluated as known now or at a cut. */
@ApiTags('legality')
@ApiBearerAuth()
@Controller('v1/legality')
export class LegalityController {
  constructor(private readonly legality: LegalityService) {}

  /** CONTRACT.md: the verdict for a hypothetical transfer, as known now or at a cut; records nothing. */
  @Post('evaluate')
  @HttpCode(200)
  @Roles('auditor', 'regulator', 'service')
  @ApiOperation({ summary: 'The verdict for a hypothetical transfer (records nothing)' })
  @ApiOkResponse({ type: VerdictDto })
  async evaluate(@CurrentPrincipal() principal: Principal, @Body() body: EvaluateTransferRequestDto): Promise<Verdict> {
    assertActsFor(principal, body.companyId);
    const { knownAt, position, ...declared } = body;
    const cut = await this.legality.resolveCut({ knownAt, position });
    return this.legality.evaluateNew(toTransferUnderEvaluation(declared), cut);
  }
}
