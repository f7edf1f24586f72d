import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import type { Verdict } from '../../domain/verdict.js';
import { VerdictDto } from '../../http/verdict.dto.js';
import { EvaluateTransferQuery } from './evaluate-transfer.query.js';
import { EvaluateTransferRequestDto } from './evaluate-transfer.request.dto.js';

/** docs/api.md "Questions": hypothetical transfers evaluated as known now or at a cut. */
@ApiTags('legality')
@ApiBearerAuth()
@Controller('v1/legality')
export class EvaluateTransferController {
  constructor(private readonly queries: QueryBus) {}

  /** The verdict for a hypothetical transfer, as known now or at a cut; records nothing. */
  @Post('evaluate')
  @HttpCode(200)
  @Roles('auditor', 'regulator', 'service')
  @ApiOperation({ summary: 'The verdict for a hypothetical transfer (records nothing)' })
  @ApiOkResponse({ type: VerdictDto })
  evaluate(@CurrentPrincipal() principal: Principal, @Body() body: EvaluateTransferRequestDto): Promise<Verdict> {
    const { knownAt, position, ...declared } = body;
    return this.queries.execute(new EvaluateTransferQuery(declared, { knownAt, position }, principal));
  }
}
