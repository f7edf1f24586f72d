import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { regimeDecider } from '../../domain/regime.decider.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { RepealRegimeCommand } from './repeal-regime.command.js';

@CommandHandler(RepealRegimeCommand)
export class RepealRegimeHandler implements ICommandHandler<RepealRegimeCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: RepealRegimeCommand): Promise<PolicyOutcome> {
    return this.writer.run('regime', id, regimeDecider, { type: 'RepealRegime', data: { regimeId: id, effectiveFrom: body.effectiveFrom } }, origin);
  }
}
