import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { EntryChangeRequestDto } from '../entry-change.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { ExpandDataListCommand } from './expand-data-list.command.js';

@PolicyController('data lists', 'data-lists')
export class ExpandDataListController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':listId/expansions')
  @PolicyCommandRoute('Add entries from a date within the term', true)
  expand(@Param('listId', IdPipe) id: string, @Body() body: EntryChangeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new ExpandDataListCommand(id, body, origin));
  }
}
