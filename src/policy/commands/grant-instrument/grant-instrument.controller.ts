import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { GrantInstrumentCommand } from './grant-instrument.command.js';
import { GrantInstrumentRequestDto } from './grant-instrument.request.dto.js';

@PolicyController('instruments', 'instruments')
export class GrantInstrumentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @PolicyCommandRoute('Grant an instrument to a company', true, false)
  grant(@Body() body: GrantInstrumentRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new GrantInstrumentCommand(body.instrumentId, body, origin));
  }
}
