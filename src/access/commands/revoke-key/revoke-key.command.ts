import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { Role } from '../../../common/terms.js';

/** The answer of `DELETE /v1/keys/{keyId}` (the same when repeated). */
export interface RevokedKey {
  readonly keyId: string;
  readonly role: Role;
  readonly companyId: string | null;
  readonly revoked: true;
  /** When the revocation was recorded, and by which admin key. */
  readonly revokedAt: string;
  readonly revokedBy: string | null;
  /** The `AccessKeyRevoked` event and its ledger position. */
  readonly eventId: string;
  readonly position: string;
}

/** Revoke a key (`DELETE /v1/keys/{keyId}`, role admin): refused (401) on every instance once answered. */
export class RevokeKeyCommand extends Command<RevokedKey> {
  constructor(
    readonly keyId: string,
    readonly admin: Principal,
  ) {
    super();
  }
}
