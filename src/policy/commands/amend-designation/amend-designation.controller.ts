import { Body, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import { DesignateDataRequestDto } from '../designate-data/designate-data.request.dto.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { AmendDesignationCommand } from './amend-designation.command.js';

@PolicyController('designations', 'designations')
export class AmendDesignationController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':designationId')
  @PolicyCommandRoute('Amend a designation (the full content; may be retroactive)', false)
  amend(@Param('designationId', IdPipe) id: string, @Body() body: DesignateDataRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new AmendDesignationCommand(id, body, origin));
  }
}
