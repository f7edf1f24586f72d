import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { ExpandDataListCommand } from './expand-data-list.command.js';

@CommandHandler(ExpandDataListCommand)
export class ExpandDataListHandler implements ICommandHandler<ExpandDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: ExpandDataListCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'ExpandDataList', data: { listId: id, effectiveFrom: body.effectiveFrom, entries: body.entries } }, origin);
  }
}
