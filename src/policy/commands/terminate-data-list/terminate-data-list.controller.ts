import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { TermChangeRequestDto } from '../term-change.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { TerminateDataListCommand } from './terminate-data-list.command.js';

@PolicyController('data lists', 'data-lists')
export class TerminateDataListController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':listId/terminations')
  @PolicyCommandRoute('End the term early (earlier than the term end as known, not before effectiveFrom; also after the term end)', true)
  terminate(@Param('listId', IdPipe) id: string, @Body() body: TermChangeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new TerminateDataListCommand(id, body, origin));
  }
}
