import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { WithdrawDataListEntriesCommand } from './withdraw-data-list-entries.command.js';

@CommandHandler(WithdrawDataListEntriesCommand)
export class WithdrawDataListEntriesHandler implements ICommandHandler<WithdrawDataListEntriesCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: WithdrawDataListEntriesCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'WithdrawDataListEntries', data: { listId: id, effectiveFrom: body.effectiveFrom, entries: body.entries } }, origin);
  }
}
