import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { designationDecider } from '../../domain/designation.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { LiftDesignationCommand } from './lift-designation.command.js';

@CommandHandler(LiftDesignationCommand)
export class LiftDesignationHandler implements ICommandHandler<LiftDesignationCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: LiftDesignationCommand): Promise<PolicyOutcome> {
    return this.writer.run('designation', id, designationDecider, { type: 'LiftDesignation', data: { designationId: id, effectiveFrom: body.effectiveFrom } }, origin);
  }
}
