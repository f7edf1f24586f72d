import { Body, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import { PublishDataListRequestDto } from '../publish-data-list/publish-data-list.request.dto.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { AmendDataListCommand } from './amend-data-list.command.js';

@PolicyController('data lists', 'data-lists')
export class AmendDataListController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':listId')
  @PolicyCommandRoute('Amend a data list\'s own content (the full body; earlier expansions and withdrawals still apply)', false)
  amend(@Param('listId', IdPipe) id: string, @Body() body: PublishDataListRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new AmendDataListCommand(id, body, origin));
  }
}
