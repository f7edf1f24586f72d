import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { regimeDecider } from '../../domain/regime.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { AmendRegimeCommand } from './amend-regime.command.js';

@CommandHandler(AmendRegimeCommand)
export class AmendRegimeHandler implements ICommandHandler<AmendRegimeCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: AmendRegimeCommand): Promise<PolicyOutcome> {
    return this.writer.run('regime', id, regimeDecider, { type: 'AmendRegime', regimeId: id, data: body }, origin);
  }
}
