import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { instrumentDecider } from '../../domain/instrument.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { AmendInstrumentCommand } from './amend-instrument.command.js';

@CommandHandler(AmendInstrumentCommand)
export class AmendInstrumentHandler implements ICommandHandler<AmendInstrumentCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: AmendInstrumentCommand): Promise<PolicyOutcome> {
    return this.writer.run('instrument', id, instrumentDecider, { type: 'AmendInstrument', instrumentId: id, data: body }, origin);
  }
}
