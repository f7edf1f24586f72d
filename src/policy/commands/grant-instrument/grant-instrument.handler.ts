import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { instrumentDecider } from '../../domain/instrument.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { GrantInstrumentCommand } from './grant-instrument.command.js';

@CommandHandler(GrantInstrumentCommand)
export class GrantInstrumentHandler implements ICommandHandler<GrantInstrumentCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: GrantInstrumentCommand): Promise<PolicyOutcome> {
    return this.writer.run('instrument', id, instrumentDecider, { type: 'GrantInstrument', data: body }, origin);
  }
}
