import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { companyDecider } from '../../domain/company.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { DeregisterCompanyCommand } from './deregister-company.command.js';

@CommandHandler(DeregisterCompanyCommand)
export class DeregisterCompanyHandler implements ICommandHandler<DeregisterCompanyCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: DeregisterCompanyCommand): Promise<PolicyOutcome> {
    return this.writer.run('company', id, companyDecider, { type: 'DeregisterCompany', data: { companyId: id, zoneId: body.zoneId, effectiveFrom: body.effectiveFrom } }, origin);
  }
}
