import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideAndAppend } from '../../../application/decide-and-append.js';
import { EVENT_STORE, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { actorMetadata } from '../../access-key.actor.js';
import { AccessKeys } from '../../access-keys.js';
import { accessKeyDecider } from '../../domain/access-key.decider.js';
import { accessKeyStream, type AccessKeyRevoked } from '../../domain/access-key.events.js';
import { RevokeKeyCommand, type RevokedKey } from './revoke-key.command.js';

/**
 * Records `AccessKeyRevoked` (with the key's digest) on the key's stream. A configured key has no
 * issuance event, so the handler tells the decider what this instance was configured with; the
 * revocation then holds across restarts, whatever the configuration says. Answers once this
 * instance has applied it; other instances refuse the key from then on because an
 * authentication reads the key's stream (src/access/access-keys.ts).
 */
@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: AccessKeys,
  ) {}

  async execute({ keyId, admin }: RevokeKeyCommand): Promise<RevokedKey> {
    const configured = this.keys.configured(keyId);
    const { event } = await decideAndAppend(
      this.store,
      accessKeyStream(keyId),
      accessKeyDecider,
      { type: 'RevokeAccessKey', data: { keyId, by: admin.keyId, ...(configured ? { configured } : {}) } },
      { metadata: actorMetadata(admin) },
    );
    await this.keys.applied(event.position);
    const { role, companyId } = event.data as unknown as AccessKeyRevoked['data'];
    const actor = event.metadata.actor as { keyId?: string } | undefined;
    return {
      keyId,
      role,
      companyId: companyId ?? null,
      revoked: true,
      revokedAt: event.recordedAt.toISOString(),
      revokedBy: actor?.keyId ?? null,
      eventId: event.id,
      position: positionToString(event.position),
    };
  }
}
