import { Body, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import { EnactRegimeRequestDto } from '../enact-regime/enact-regime.request.dto.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { AmendRegimeCommand } from './amend-regime.command.js';

@PolicyController('regimes', 'regimes')
export class AmendRegimeController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':regimeId')
  @PolicyCommandRoute('Amend a regime (the full content; may be retroactive)', false)
  amend(@Param('regimeId', IdPipe) id: string, @Body() body: EnactRegimeRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new AmendRegimeCommand(id, body, origin));
  }
}
