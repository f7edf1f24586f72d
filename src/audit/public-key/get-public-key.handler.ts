import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CheckpointSigner } from '../seal/checkpoint.signer.js';
import { GetPublicKeyQuery, type PublicKeyView } from './get-public-key.query.js';

/** The ledger's Ed25519 public key, to check checkpoints with. */
@QueryHandler(GetPublicKeyQuery)
export class GetPublicKeyHandler implements IQueryHandler<GetPublicKeyQuery> {
  constructor(private readonly signer: CheckpointSigner) {}

  async execute(): Promise<PublicKeyView> {
    return { algorithm: 'ed25519', publicKeyPem: this.signer.publicKeyPem };
  }
}
