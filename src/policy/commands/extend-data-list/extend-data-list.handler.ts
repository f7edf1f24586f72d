import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { ExtendDataListCommand } from './extend-data-list.command.js';

@CommandHandler(ExtendDataListCommand)
export class ExtendDataListHandler implements ICommandHandler<ExtendDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: ExtendDataListCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'ExtendDataList', data: { listId: id, effectiveUntil: body.effectiveUntil } }, origin);
  }
}
