import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { apiKeyDigest, keyIdOf, newApiKey } from '../../../auth/api-key.secret.js';
import { positionToString } from '../../../event-store/event-store.port.js';
import { Conflict } from '../../../common/errors.js';
import { AccessKeyWriter } from '../../access-key.writer.js';
import { AccessKeys } from '../../access-keys.js';
import { KeyIdTaken } from '../../domain/access-key.decider.js';
import type { AccessKeyIssued } from '../../domain/access-key.events.js';
import { IssueKeyCommand, type IssuedKey } from './issue-key.command.js';

/** Key ids are 48 bits of the digest: a second draw is already a one-in-2^48 event. */
const DRAWS = 3;

/** Draws a fresh key and records its digest in `AccessKeyIssued` on the key's own stream. */
@CommandHandler(IssueKeyCommand)
export class IssueKeyHandler implements ICommandHandler<IssueKeyCommand> {
  constructor(
    private readonly writer: AccessKeyWriter,
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
        const event = await this.writer.run(keyId, { type: 'IssueAccessKey', data }, admin);
        return { keyId, key, role, companyId: companyId ?? null, label: label ?? null, eventId: event.id, position: positionToString(event.position) };
      } catch (error) {
        if (!(error instanceof KeyIdTaken)) throw error;
      }
    }
    throw new Conflict('no unused key id came up; try again');
  }
}
