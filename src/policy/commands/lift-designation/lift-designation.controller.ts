import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { EffectiveFromRequestDto } from '../effective-from.request.dto.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { LiftDesignationCommand } from './lift-designation.command.js';

@PolicyController('designations', 'designations')
export class LiftDesignationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':designationId/lifts')
  @PolicyCommandRoute('Lift a designation from a date', true)
  lift(@Param('designationId', IdPipe) id: string, @Body() body: EffectiveFromRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new LiftDesignationCommand(id, body, origin));
  }
}
