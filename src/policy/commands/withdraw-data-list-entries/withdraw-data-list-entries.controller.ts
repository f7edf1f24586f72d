import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { EntryChangeRequestDto } from '../entry-change.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { WithdrawDataListEntriesCommand } from './withdraw-data-list-entries.command.js';

@PolicyController('data lists', 'data-lists')
export class WithdrawDataListEntriesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':listId/withdrawals')
  @PolicyCommandRoute('Withdraw entries on the list from a date within the term', true)
  withdraw(@Param('listId', IdPipe) id: string, @Body() body: EntryChangeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new WithdrawDataListEntriesCommand(id, body, origin));
  }
}
