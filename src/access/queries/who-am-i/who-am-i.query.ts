import { Query } from '@nestjs/cqrs';
import type { Role } from '../../../common/terms.js';

/** What a key may know about itself (`GET /v1/keys/me`): never the key, never its digest. */
export interface KeyIdentity {
  readonly keyId: string;
  readonly role: Role;
  /** The company a service key acts for; `null` for other roles. */
  readonly companyId: string | null;
}

/** Who the presenting key is (docs/api.md §12): how the console signs in, and a client checks its key. */
export class WhoAmIQuery extends Query<KeyIdentity> {
  constructor(readonly principal: { readonly keyId: string; readonly role: Role; readonly companyId?: string }) {
    super();
  }
}
