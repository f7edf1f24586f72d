import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig } from '../config/ledger-config.js';
import type { Principal } from './principal.js';

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

interface KnownKey {
  readonly digest: Buffer;
  readonly principal: Principal;
}

/**
 * The accepted API keys, held only as SHA-256 digests. A presented key is hashed and compared with
 * every known digest in constant time: equal-length digests make `timingSafeEqual` applicable,
 * and visiting every entry keeps the time independent of which key (if any) matched.
 */
export class ApiKeyRegistry {
  private readonly known: readonly KnownKey[];

  constructor(keys: readonly ApiKeyConfig[]) {
    this.known = keys.map((config) => {
      const hash = digest(config.key);
      const principal: Principal = {
        role: config.role,
        // Non-secret: a digest prefix identifies the key in logs and event metadata.
        keyId: `${config.role}-${hash.toString('hex').slice(0, 12)}`,
        ...(config.companyId !== undefined ? { companyId: config.companyId } : {}),
      };
      return { digest: hash, principal };
    });
  }

  /** The principal of the key, or undefined for an unknown key. */
  authenticate(presented: string): Principal | undefined {
    const hash = digest(presented);
    let found: Principal | undefined;
    for (const entry of this.known) {
      if (timingSafeEqual(entry.digest, hash)) found = entry.principal;
    }
    return found;
  }
}
