import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { regimeDecider } from '../../domain/regime.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { EnactRegimeCommand } from './enact-regime.command.js';

@CommandHandler(EnactRegimeCommand)
export class EnactRegimeHandler implements ICommandHandler<EnactRegimeCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: EnactRegimeCommand): Promise<PolicyOutcome> {
    return this.writer.run('regime', id, regimeDecider, { type: 'EnactRegime', data: body }, origin);
  }
}
