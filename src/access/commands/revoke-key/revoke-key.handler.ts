import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { positionToString } from '../../../event-store/event-store.port.js';
import { AccessKeyWriter } from '../../access-key.writer.js';
import { AccessKeys } from '../../access-keys.js';
import { changeOf } from '../../key-ring.js';
import type { AccessKeyRevoked } from '../../domain/access-key.events.js';
import { RevokeKeyCommand, type RevokedKey } from './revoke-key.command.js';

/**
 * Records `AccessKeyRevoked` (with the key's digest) on the key's stream. A configured key has no
 * issuance event, so the handler tells the decider what this instance was configured with; the
 * revocation then holds across restarts, whatever the configuration says. Other instances refuse
 * the key from then on because an authentication reads the key's stream (src/access/access-keys.ts).
 */
@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand> {
  constructor(
    private readonly writer: AccessKeyWriter,
    private readonly keys: AccessKeys,
  ) {}

  async execute({ keyId, admin }: RevokeKeyCommand): Promise<RevokedKey> {
    const configured = this.keys.configured(keyId);
    const event = await this.writer.run(keyId, { type: 'RevokeAccessKey', data: { keyId, by: admin.keyId, ...(configured ? { configured } : {}) } }, admin);
    const { role, companyId } = event.data as unknown as AccessKeyRevoked['data'];
    const { at, by } = changeOf(event);
    return {
      keyId,
      role,
      companyId: companyId ?? null,
      revoked: true,
      revokedAt: at.toISOString(),
      revokedBy: by,
      eventId: event.id,
      position: positionToString(event.position),
    };
  }
}
