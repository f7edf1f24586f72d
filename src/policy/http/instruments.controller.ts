import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { AmendInstrumentCommand } from '../commands/amend-instrument/amend-instrument.command.js';
import { GrantInstrumentCommand } from '../commands/grant-instrument/grant-instrument.command.js';
import { GrantInstrumentRequestDto } from '../commands/grant-instrument/grant-instrument.request.dto.js';
import { originOf } from '../commands/policy.command.js';
import { RevokeInstrumentCommand } from '../commands/revoke-instrument/revoke-instrument.command.js';
import { GetPolicyFactQuery } from '../queries/get-policy-fact/get-policy-fact.query.js';
import type { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { EffectiveFromRequestDto } from './effective-from.request.dto.js';
import { IdPipe } from '../../http/id.pipe.js';
import { KnowledgeCutRequestDto } from '../../knowledge-cut/knowledge-cut.request.dto.js';
import type { StatusResponse } from '../../http/created-or-repeated.js';
import { type PolicyAnswerDto, reply } from './policy.answer.js';
import { PolicyCommandRoute, PolicyReadRoute } from './policy.routes.js';

/** Companies' security-assessment approvals, standard-contract filings and certifications (DOMAIN.md §3, §4 step 5). */
@ApiTags('policy: instruments')
@Controller('v1/instruments')
export class InstrumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @PolicyCommandRoute('Grant an instrument to a company', true, false)
  async grant(@Body() body: GrantInstrumentRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: StatusResponse): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new GrantInstrumentCommand(body.instrumentId, body, originOf(principal))));
  }

  @Put(':instrumentId')
  @PolicyCommandRoute('Amend an instrument (the full content; may be retroactive)', false)
  async amend(
    @Param('instrumentId', IdPipe) id: string,
    @Body() body: GrantInstrumentRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new AmendInstrumentCommand(id, body, originOf(principal))), 'put');
  }

  @Post(':instrumentId/revocations')
  @PolicyCommandRoute('Revoke an instrument from a date', true)
  async revoke(
    @Param('instrumentId', IdPipe) id: string,
    @Body() body: EffectiveFromRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new RevokeInstrumentCommand(id, body, originOf(principal))));
  }

  @Get(':instrumentId')
  @PolicyReadRoute('An instrument as known now or at knownAt/position, with its history')
  read(@Param('instrumentId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFactDto> {
    return this.queries.execute(new GetPolicyFactQuery('instrument', id, cut));
  }
}
