import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { IssuableRole } from '../../../common/terms.js';

/** What `POST /v1/keys` asks for. */
export interface KeyRequest {
  readonly role: IssuableRole;
  readonly companyId?: string;
  readonly label?: string;
}

/** The issued key: the only answer that ever shows the key itself (docs/api.md §12). */
export interface IssuedKey {
  readonly keyId: string;
  readonly key: string;
  readonly role: IssuableRole;
  readonly companyId: string | null;
  readonly label: string | null;
  /** The `AccessKeyIssued` event and its ledger position. */
  readonly eventId: string;
  readonly position: string;
}

/** Issue a key (`POST /v1/keys`, role admin): in force on every instance once answered. */
export class IssueKeyCommand extends Command<IssuedKey> {
  constructor(
    readonly request: KeyRequest,
    readonly admin: Principal,
  ) {
    super();
  }
}
