import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { DeregisterCompanyCommand } from './deregister-company.command.js';
import { DeregisterCompanyRequestDto } from './deregister-company.request.dto.js';

@PolicyController('companies', 'companies/:companyId')
export class DeregisterCompanyController {
  constructor(private readonly commands: CommandBus) {}

  @Post('deregistrations')
  @PolicyCommandRoute('End a company registration in a zone from a date', true, false)
  deregister(
    @Param('companyId', IdPipe) id: string,
    @Body() body: DeregisterCompanyRequestDto,
    @Origin() origin: CommandOrigin,
  ): Promise<PolicyOutcome> {
    return this.commands.execute(new DeregisterCompanyCommand(id, body, origin));
  }
}
