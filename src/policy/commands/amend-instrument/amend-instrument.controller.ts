import { Body, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import { GrantInstrumentRequestDto } from '../grant-instrument/grant-instrument.request.dto.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { AmendInstrumentCommand } from './amend-instrument.command.js';

@PolicyController('instruments', 'instruments')
export class AmendInstrumentController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':instrumentId')
  @PolicyCommandRoute('Amend an instrument (the full content; may be retroactive)', false)
  amend(@Param('instrumentId', IdPipe) id: string, @Body() body: GrantInstrumentRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new AmendInstrumentCommand(id, body, origin));
  }
}
