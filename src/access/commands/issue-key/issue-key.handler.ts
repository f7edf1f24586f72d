import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideAndAppend } from '../../../application/decide-and-append.js';
import { apiKeyDigest, keyIdOf, newApiKey } from '../../../auth/api-key.secret.js';
import { EVENT_STORE, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { Conflict } from '../../../shared/errors.js';
import { actorMetadata } from '../../access-key.actor.js';
import { AccessKeys } from '../../access-keys.js';
import { accessKeyDecider, KeyIdTaken } from '../../domain/access-key.decider.js';
import { accessKeyStream, type AccessKeyIssued } from '../../domain/access-key.events.js';
import { IssueKeyCommand, type IssuedKey } from './issue-key.command.js';

/** Key ids are 48 bits of the digest: a second draw is already a one-in-2^48 event. */
const DRAWS = 3;

/**
 * Draws a fresh key, records its digest in `AccessKeyIssued` on the key's own stream, and waits
 * until this instance has applied it, so the key works here as soon as it is answered (other
 * instances learn it from the log: src/access/access-keys.ts).
 */
@CommandHandler(IssueKeyCommand)
export class IssueKeyHandler implements ICommandHandler<IssueKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: AccessKeys,
  ) {}

  async execute({ request, admin }: IssueKeyCommand): Promise<IssuedKey> {
    const { role, companyId, label } = request;
    for (let draw = 1; draw <= DRAWS; draw++) {
      const key = newApiKey();
      const digest = apiKeyDigest(key);
      const keyId = keyIdOf(role, digest);
      if (this.keys.get(keyId)) continue; // a configured key's id
      const data: AccessKeyIssued['data'] = {
        keyId,
        digest: digest.toString('hex'),
        role,
        ...(companyId !== undefined ? { companyId } : {}),
        ...(label !== undefined ? { label } : {}),
      };
      try {
        const { event } = await decideAndAppend(this.store, accessKeyStream(keyId), accessKeyDecider, { type: 'IssueAccessKey', data }, { metadata: actorMetadata(admin) });
        await this.keys.applied(event.position);
        return { keyId, key, role, companyId: companyId ?? null, label: label ?? null, eventId: event.id, position: positionToString(event.position) };
      } catch (error) {
        if (!(error instanceof KeyIdTaken)) throw error;
      }
    }
    throw new Conflict('no unused key id came up; try again');
  }
}
