import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { EffectiveFromRequestDto } from '../effective-from.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { RepealRegimeCommand } from './repeal-regime.command.js';

@PolicyController('regimes', 'regimes')
export class RepealRegimeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':regimeId/repeals')
  @PolicyCommandRoute('Repeal a regime from a date', true)
  repeal(@Param('regimeId', IdPipe) id: string, @Body() body: EffectiveFromRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new RepealRegimeCommand(id, body, origin));
  }
}
