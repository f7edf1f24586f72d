import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { companyDecider } from '../../domain/company.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { RegisterCompanyCommand } from './register-company.command.js';

@CommandHandler(RegisterCompanyCommand)
export class RegisterCompanyHandler implements ICommandHandler<RegisterCompanyCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: RegisterCompanyCommand): Promise<PolicyOutcome> {
    return this.writer.run('company', id, companyDecider, { type: 'RegisterCompany', data: { companyId: id, ...body } }, origin);
  }
}
