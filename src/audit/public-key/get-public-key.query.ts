import { Query } from '@nestjs/cqrs';

/** The key checkpoints are signed with (`GET /v1/audit/public-key`). */
export interface PublicKeyView {
  readonly algorithm: 'ed25519';
  /** SPKI PEM. */
  readonly publicKeyPem: string;
}

export class GetPublicKeyQuery extends Query<PublicKeyView> {}
