import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { AmendDataListCommand } from '../commands/amend-data-list/amend-data-list.command.js';
import { ExpandDataListCommand } from '../commands/expand-data-list/expand-data-list.command.js';
import { ExtendDataListCommand } from '../commands/extend-data-list/extend-data-list.command.js';
import { originOf } from '../commands/policy.command.js';
import { PublishDataListCommand } from '../commands/publish-data-list/publish-data-list.command.js';
import { PublishDataListRequestDto } from '../commands/publish-data-list/publish-data-list.request.dto.js';
import { TerminateDataListCommand } from '../commands/terminate-data-list/terminate-data-list.command.js';
import { WithdrawDataListEntriesCommand } from '../commands/withdraw-data-list-entries/withdraw-data-list-entries.command.js';
import { GetPolicyFactQuery } from '../queries/get-policy-fact/get-policy-fact.query.js';
import type { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { EntryChangeRequestDto } from './entry-change.request.dto.js';
import { FactIdPipe } from './fact-id.pipe.js';
import { KnowledgeCutRequestDto } from './knowledge-cut.request.dto.js';
import type { StatusResponse } from '../../http/created-or-repeated.js';
import { type PolicyAnswerDto, reply } from './policy.answer.js';
import { PolicyCommandRoute, PolicyReadRoute } from './policy.routes.js';
import { TermChangeRequestDto } from './term-change.request.dto.js';

/** General and negative data lists (DOMAIN.md §3, §4 steps 1 and 3). */
@ApiTags('policy: data lists')
@Controller('v1/data-lists')
export class DataListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @PolicyCommandRoute('Publish a data list (term by termMonths or effectiveUntil)', true, false)
  async publish(@Body() body: PublishDataListRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: StatusResponse): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new PublishDataListCommand(body.listId, body, originOf(principal))));
  }

  @Put(':listId')
  @PolicyCommandRoute("Amend a data list's own content (the full body; earlier expansions and withdrawals still apply)", false)
  async amend(
    @Param('listId', FactIdPipe) id: string,
    @Body() body: PublishDataListRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new AmendDataListCommand(id, body, originOf(principal))), 'put');
  }

  @Post(':listId/expansions')
  @PolicyCommandRoute('Add entries from a date within the term', true)
  async expand(
    @Param('listId', FactIdPipe) id: string,
    @Body() body: EntryChangeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new ExpandDataListCommand(id, body, originOf(principal))));
  }

  @Post(':listId/withdrawals')
  @PolicyCommandRoute('Withdraw entries on the list from a date within the term', true)
  async withdraw(
    @Param('listId', FactIdPipe) id: string,
    @Body() body: EntryChangeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new WithdrawDataListEntriesCommand(id, body, originOf(principal))));
  }

  @Post(':listId/extensions')
  @PolicyCommandRoute('Extend the term to a later end; after the term end, a renewal (in force from the old end to the new one)', true)
  async extend(
    @Param('listId', FactIdPipe) id: string,
    @Body() body: TermChangeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new ExtendDataListCommand(id, body, originOf(principal))));
  }

  @Post(':listId/terminations')
  @PolicyCommandRoute('End the term early (earlier than the term end as known, not before effectiveFrom; also after the term end)', true)
  async terminate(
    @Param('listId', FactIdPipe) id: string,
    @Body() body: TermChangeRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<PolicyAnswerDto> {
    return reply(response, await this.commands.execute(new TerminateDataListCommand(id, body, originOf(principal))));
  }

  @Get(':listId')
  @PolicyReadRoute('A data list (content, term end, entries over time) as known now or at knownAt/position, with its history')
  read(@Param('listId', FactIdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFactDto> {
    return this.queries.execute(new GetPolicyFactQuery('data-list', id, cut));
  }
}
