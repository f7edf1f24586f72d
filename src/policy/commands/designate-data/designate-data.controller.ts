import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Origin, PolicyCommandRoute, PolicyController } from '../policy-command.route.js';
import type { CommandOrigin } from '../policy.command.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { DesignateDataCommand } from './designate-data.command.js';
import { DesignateDataRequestDto } from './designate-data.request.dto.js';

@PolicyController('designations', 'designations')
export class DesignateDataController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @PolicyCommandRoute('Designate a field or one category of it core or important', true, false)
  designate(@Body() body: DesignateDataRequestDto, @Origin() origin: CommandOrigin): Promise<PolicyOutcome> {
    return this.commands.execute(new DesignateDataCommand(body.designationId, body, origin));
  }
}
