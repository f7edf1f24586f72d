import { createPublicKey, type KeyObject } from 'node:crypto';
import { signTreeHead, type Checkpoint, type TreeHead } from '../../common/merkle/checkpoint.js';

/** The ledger's Ed25519 key pair: signs tree heads, shows the public key (SPKI PEM). */
export class CheckpointSigner {
  readonly publicKeyPem: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(head: TreeHead): Checkpoint {
    return signTreeHead(head, this.privateKey);
  }
}
