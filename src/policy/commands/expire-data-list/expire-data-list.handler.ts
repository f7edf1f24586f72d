import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { uuidv5 } from '../../../common/ids.js';
import { dataListDecider } from '../../domain/data-list.decider.js';
import type { DataListEvent } from '../../domain/policy.events.js';
import type { PolicyOutcome } from '../policy.outcome.js';
import { PolicyWriter } from '../policy.writer.js';
import { ExpireDataListCommand } from './expire-data-list.command.js';

/**
 * The expiry event's id is derived from its meaning (list and term end), so two schedulers
 * racing each other append it once: the loser's append is a repeat at the store level, or
 * fails its expected revision and is decided again as a repeat (docs/design.md).
 */
export const expiryEventId = (listId: string, effectiveUntil: string): string => uuidv5(`expired:${listId}:${effectiveUntil}`);

@CommandHandler(ExpireDataListCommand)
export class ExpireDataListHandler implements ICommandHandler<ExpireDataListCommand> {
  constructor(private readonly writer: PolicyWriter) {}

  execute({ id, body, origin }: ExpireDataListCommand): Promise<PolicyOutcome> {
    const command = { type: 'ExpireDataList' as const, data: { listId: id, effectiveUntil: body.effectiveUntil } };
    return this.writer.run('data-list', id, dataListDecider, command, origin, (event: DataListEvent) =>
      expiryEventId(id, (event.data as { effectiveUntil: string }).effectiveUntil),
    );
  }
}
