import type { Principal } from './principal.js';

/**
 * Who a presented API key belongs to (docs/api.md §3), or undefined for a key the ledger does not
 * accept: unknown, or revoked. The guard asks through this port; the access-keys slice
 * (src/access/) answers from the configured keys and the keys issued and revoked in the log.
 */
export interface Authenticator {
  authenticate(presented: string): Promise<Principal | undefined>;
  /**
   * The same as far as this instance already knows, without reading the store: for public
   * routes (`GET /health`), which must answer when the store does not.
   */
  recognise(presented: string): Principal | undefined;
}

/** DI token of the {@link Authenticator} (provided globally by the access-keys module). */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
