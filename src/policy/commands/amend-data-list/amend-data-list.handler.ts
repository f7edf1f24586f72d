import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { AmendDataListCommand } from './amend-data-list.command.js';

@CommandHandler(AmendDataListCommand)
export class AmendDataListHandler implements ICommandHandler<AmendDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: AmendDataListCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'AmendDataList', listId: id, data: body }, origin);
  }
}
