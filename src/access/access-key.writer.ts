import { Inject, Injectable } from '@nestjs/common';
import { decideAndAppend } from '../application/decide-and-append.js';
import type { Principal } from '../auth/principal.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { AccessKeys } from './access-keys.js';
import { accessKeyDecider, type AccessKeyCommand } from './domain/access-key.decider.js';
import { accessKeyStream } from './domain/access-key.events.js';

/**
 * Runs a key command on the key's own stream through the shared runner (src/application), with
 * the admin key as the event's actor, and answers once this instance has applied the event: the
 * change holds here as soon as it is answered (other instances: src/access/access-keys.ts).
 */
@Injectable()
export class AccessKeyWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: AccessKeys,
  ) {}

  /** The event that answers the command: the one appended, or the original of a repeat. */
  async run(keyId: string, command: AccessKeyCommand, admin: Principal): Promise<RecordedEvent> {
    const { event } = await decideAndAppend(this.store, accessKeyStream(keyId), accessKeyDecider, command, {
      metadata: { actor: { role: admin.role, keyId: admin.keyId } },
    });
    await this.keys.applied(event.position);
    return event;
  }
}
