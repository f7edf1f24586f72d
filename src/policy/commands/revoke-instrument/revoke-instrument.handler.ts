import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { instrumentDecider } from '../../domain/instrument.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { RevokeInstrumentCommand } from './revoke-instrument.command.js';

@CommandHandler(RevokeInstrumentCommand)
export class RevokeInstrumentHandler implements ICommandHandler<RevokeInstrumentCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: RevokeInstrumentCommand): Promise<PolicyOutcome> {
    return this.writer.run('instrument', id, instrumentDecider, { type: 'RevokeInstrument', data: { instrumentId: id, effectiveFrom: body.effectiveFrom } }, origin);
  }
}
