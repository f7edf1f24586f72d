import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { PublishDataListCommand } from './publish-data-list.command.js';

@CommandHandler(PublishDataListCommand)
export class PublishDataListHandler implements ICommandHandler<PublishDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: PublishDataListCommand): Promise<PolicyOutcome> {
    return this.writer.run('data-list', id, dataListDecider, { type: 'PublishDataList', data: body }, origin);
  }
}
