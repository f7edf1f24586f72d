import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { AmendRegimeCommand } from '../commands/amend-regime/amend-regime.command.js';
import { EnactRegimeCommand } from '../commands/enact-regime/enact-regime.command.js';
import { EnactRegimeRequestDto } from '../commands/enact-regime/enact-regime.request.dto.js';
import { originOf } from '../commands/policy.command.js';
import { RepealRegimeCommand } from '../commands/repeal-regime/repeal-regime.command.js';
import { GetPolicyFactQuery } from '../queries/get-policy-fact/get-policy-fact.query.js';
import type { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { EffectiveFromRequestDto } from './effective-from.request.dto.js';
import { IdPipe } from '../../http/id.pipe.js';
import { KnowledgeCutRequestDto } from '../../knowledge-cut/knowledge-cut.request.dto.js';
import type { StatusResponse } from '../../http/created-or-repeated.js';
import { type PolicyAnswerDto, reply } from './policy.answer.js';
import { PolicyCommandRoute, PolicyReadRoute } from './policy.routes.js';

/** National regimes (DOMAIN.md §3, §4 step 4). */
@ApiTags('policy: regimes')
@Controller('v1/regimes')
export class RegimesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @PolicyCommandRoute('Enact a regime', true, false)
  async enact(@Body() body: EnactRegimeRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: StatusResponse): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new EnactRegimeCommand(body.regimeId, body, originOf(principal))));
  }

  @Put(':regimeId')
  @PolicyCommandRoute('Amend a regime (the full content; may be retroactive)', false)
  async amend(
    @Param('regimeId', IdPipe) id: string,
    @Body() body: EnactRegimeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new AmendRegimeCommand(id, body, originOf(principal))), 'put');
  }

  @Post(':regimeId/repeals')
  @PolicyCommandRoute('Repeal a regime from a date', true)
  async repeal(
    @Param('regimeId', IdPipe) id: string,
    @Body() body: EffectiveFromRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new RepealRegimeCommand(id, body, originOf(principal))));
  }

  @Get(':regimeId')
  @PolicyReadRoute('A regime as known now or at knownAt/position, with its history')
  read(@Param('regimeId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFactDto> {
    return this.queries.execute(new GetPolicyFactQuery('regime', id, cut));
  }
}
