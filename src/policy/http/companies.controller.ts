import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { DeregisterCompanyCommand } from '../commands/deregister-company/deregister-company.command.js';
import { DeregisterCompanyRequestDto } from '../commands/deregister-company/deregister-company.request.dto.js';
import { originOf } from '../commands/policy.command.js';
import { RegisterCompanyCommand } from '../commands/register-company/register-company.command.js';
import { RegisterCompanyRequestDto } from '../commands/register-company/register-company.request.dto.js';
import { SetCompanyCiioCommand } from '../commands/set-company-ciio/set-company-ciio.command.js';
import { SetCompanyCiioRequestDto } from '../commands/set-company-ciio/set-company-ciio.request.dto.js';
import { GetPolicyFactQuery } from '../queries/get-policy-fact/get-policy-fact.query.js';
import type { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { FactIdPipe } from './fact-id.pipe.js';
import { KnowledgeCutRequestDto } from './knowledge-cut.request.dto.js';
import type { StatusResponse } from '../../http/created-or-repeated.js';
import { type PolicyAnswerDto, reply } from './policy.answer.js';
import { PolicyCommandRoute, PolicyReadRoute } from './policy.routes.js';

/** Companies: registrations in zones and CIIO status (DOMAIN.md §3). A company is known by the facts that name it: none needs a registration first (docs/api.md). */
@ApiTags('policy: companies')
@Controller('v1/companies/:companyId')
export class CompaniesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('registrations')
  @PolicyCommandRoute('Register a company in a zone (the company id needs no earlier fact)', true, false)
  async register(
    @Param('companyId', FactIdPipe) id: string,
    @Body() body: RegisterCompanyRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new RegisterCompanyCommand(id, body, originOf(principal))));
  }

  @Post('deregistrations')
  @PolicyCommandRoute('End a company registration in a zone from a date', true, false)
  async deregister(
    @Param('companyId', FactIdPipe) id: string,
    @Body() body: DeregisterCompanyRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new DeregisterCompanyCommand(id, body, originOf(principal))));
  }

  @Post('ciio')
  @PolicyCommandRoute("Designate (ciio: true) or lift (false) a company's CIIO status from a date (the company id needs no registration)", true, false)
  async ciio(
    @Param('companyId', FactIdPipe) id: string,
    @Body() body: SetCompanyCiioRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new SetCompanyCiioCommand(id, body, originOf(principal))));
  }

  @Get()
  @PolicyReadRoute('A company (registrations, CIIO status) as known now or at knownAt/position, with its history')
  read(@Param('companyId', FactIdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFactDto> {
    return this.queries.execute(new GetPolicyFactQuery('company', id, cut));
  }
}
