import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { TermChangeRequestDto } from '../term-change.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { ExtendDataListCommand } from './extend-data-list.command.js';

@PolicyController('data lists', 'data-lists')
export class ExtendDataListController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':listId/extensions')
  @PolicyCommandRoute('Extend the term to a later end; after the term end, a renewal (in force from the old end to the new one)', true)
  extend(@Param('listId', IdPipe) id: string, @Body() body: TermChangeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new ExtendDataListCommand(id, body, origin));
  }
}
