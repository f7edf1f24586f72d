import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PublishDataListCommand } from './publish-data-list.command.js';
import { PublishDataListRequestDto } from './publish-data-list.request.dto.js';

@PolicyController('data lists', 'data-lists')
export class PublishDataListController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @PolicyCommandRoute('Publish a data list (term by termMonths or effectiveUntil)', true, false)
  publish(@Body() body: PublishDataListRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new PublishDataListCommand(body.listId, body, origin));
  }
}
