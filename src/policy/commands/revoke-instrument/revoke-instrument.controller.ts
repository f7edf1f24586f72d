import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { EffectiveFromRequestDto } from '../effective-from.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { RevokeInstrumentCommand } from './revoke-instrument.command.js';

@PolicyController('instruments', 'instruments')
export class RevokeInstrumentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':instrumentId/revocations')
  @PolicyCommandRoute('Revoke an instrument from a date', true)
  revoke(@Param('instrumentId', IdPipe) id: string, @Body() body: EffectiveFromRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new RevokeInstrumentCommand(id, body, origin));
  }
}
