import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { companyDecider } from '../../domain/company.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { SetCompanyCiioCommand } from './set-company-ciio.command.js';

@CommandHandler(SetCompanyCiioCommand)
export class SetCompanyCiioHandler implements ICommandHandler<SetCompanyCiioCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: SetCompanyCiioCommand): Promise<PolicyOutcome> {
    return this.writer.run('company', id, companyDecider, { type: 'SetCompanyCiio', data: { companyId: id, ciio: body.ciio, effectiveFrom: body.effectiveFrom } }, origin);
  }
}
