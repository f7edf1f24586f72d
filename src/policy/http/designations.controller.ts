import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { AmendDesignationCommand } from '../commands/amend-designation/amend-designation.command.js';
import { DesignateDataCommand } from '../commands/designate-data/designate-data.command.js';
import { DesignateDataRequestDto } from '../commands/designate-data/designate-data.request.dto.js';
import { LiftDesignationCommand } from '../commands/lift-designation/lift-designation.command.js';
import { originOf } from '../commands/policy.command.js';
import { GetPolicyFactQuery } from '../queries/get-policy-fact/get-policy-fact.query.js';
import type { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { EffectiveFromRequestDto } from './effective-from.request.dto.js';
import { IdPipe } from '../../http/id.pipe.js';
import { KnowledgeCutRequestDto } from '../../knowledge-cut/knowledge-cut.request.dto.js';
import type { StatusResponse } from '../../http/created-or-repeated.js';
import { type PolicyAnswerDto, reply } from './policy.answer.js';
import { PolicyCommandRoute, PolicyReadRoute } from './policy.routes.js';

/** Core and important data designations (DOMAIN.md §3, §4 step 1). */
@ApiTags('policy: designations')
@Controller('v1/designations')
export class DesignationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @PolicyCommandRoute('Designate a field or one category of it core or important', true, false)
  async designate(@Body() body: DesignateDataRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: StatusResponse): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new DesignateDataCommand(body.designationId, body, originOf(principal))));
  }

  @Put(':designationId')
  @PolicyCommandRoute('Amend a designation (the full content; may be retroactive)', false)
  async amend(
    @Param('designationId', IdPipe) id: string,
    @Body() body: DesignateDataRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new AmendDesignationCommand(id, body, originOf(principal))), 'put');
  }

  @Post(':designationId/lifts')
  @PolicyCommandRoute('Lift a designation from a date', true)
  async lift(
    @Param('designationId', IdPipe) id: string,
    @Body() body: EffectiveFromRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new LiftDesignationCommand(id, body, originOf(principal))));
  }

  @Get(':designationId')
  @PolicyReadRoute('A designation as known now or at knownAt/position, with its history')
  read(@Param('designationId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFactDto> {
    return this.queries.execute(new GetPolicyFactQuery('designation', id, cut));
  }
}
