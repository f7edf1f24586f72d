import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { designationDecider } from '../../domain/designation.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { DesignateDataCommand } from './designate-data.command.js';

@CommandHandler(DesignateDataCommand)
export class DesignateDataHandler implements ICommandHandler<DesignateDataCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: DesignateDataCommand): Promise<PolicyOutcome> {
    return this.writer.run('designation', id, designationDecider, { type: 'DesignateData', data: body }, origin);
  }
}
