import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { RegisterCompanyCommand } from './register-company.command.js';
import { RegisterCompanyRequestDto } from './register-company.request.dto.js';

@PolicyController('companies', 'companies/:companyId')
export class RegisterCompanyController {
  constructor(private readonly commands: CommandBus) {}

  @Post('registrations')
  @PolicyCommandRoute('Register a company in a zone (the company id needs no earlier fact)', true, false)
  register(@Param('companyId', IdPipe) id: string, @Body() body: RegisterCompanyRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new RegisterCompanyCommand(id, body, origin));
  }
}
