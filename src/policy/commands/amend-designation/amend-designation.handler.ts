import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { designationDecider } from '../../domain/designation.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { AmendDesignationCommand } from './amend-designation.command.js';

@CommandHandler(AmendDesignationCommand)
export class AmendDesignationHandler implements ICommandHandler<AmendDesignationCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: AmendDesignationCommand): Promise<PolicyOutcome> {
    return this.writer.run('designation', id, designationDecider, { type: 'AmendDesignation', designationId: id, data: body }, origin);
  }
}
