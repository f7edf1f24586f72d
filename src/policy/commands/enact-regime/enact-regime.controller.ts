import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { EnactRegimeCommand } from './enact-regime.command.js';
import { EnactRegimeRequestDto } from './enact-regime.request.dto.js';

@PolicyController('regimes', 'regimes')
export class EnactRegimeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @PolicyCommandRoute('Enact a regime', true, false)
  enact(@Body() body: EnactRegimeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new EnactRegimeCommand(body.regimeId, body, origin));
  }
}
