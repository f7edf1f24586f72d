import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { SetCompanyCiioCommand } from './set-company-ciio.command.js';
import { SetCompanyCiioRequestDto } from './set-company-ciio.request.dto.js';

@PolicyController('companies', 'companies/:companyId')
export class SetCompanyCiioController {
  constructor(private readonly commands: CommandBus) {}

  @Post('ciio')
  @PolicyCommandRoute('Designate (ciio: true) or lift (false) a company\'s CIIO status from a date (the company id needs no registration)', true, false)
  setCiio(@Param('companyId', IdPipe) id: string, @Body() body: SetCompanyCiioRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new SetCompanyCiioCommand(id, body, origin));
  }
}
