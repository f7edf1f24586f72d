import { Query } from '@nestjs/cqrs';
import type { Role } from '../../../common/terms.js';
import type { KeySource } from '../../key-ring.js';

/** One key as `GET /v1/keys` lists it: everything but the key. */
export interface KeyView {
  readonly keyId: string;
  readonly role: Role;
  readonly companyId: string | null;
  readonly label: string | null;
  readonly source: KeySource;
  /** Whether the key is refused from now on. */
  readonly revoked: boolean;
  readonly issuedAt: string | null;
  readonly issuedBy: string | null;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

export interface KeyListing {
  readonly items: readonly KeyView[];
}

/** The keys this instance accepts or accepted (`GET /v1/keys`, role admin). */
export class ListKeysQuery extends Query<KeyListing> {}
