import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { TerminateDataListCommand } from './terminate-data-list.command.js';

@CommandHandler(TerminateDataListCommand)
export class TerminateDataListHandler implements ICommandHandler<TerminateDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: TerminateDataListCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'TerminateDataList', data: { listId: id, effectiveUntil: body.effectiveUntil } }, origin);
  }
}
