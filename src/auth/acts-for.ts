import { Forbidden } from '../common/errors.js';
import type { Principal } from './principal.js';

/**
 * A service key acts for its own company only (docs/api.md: Authentication); regulators and
 * auditors act for any company. Throws {@link Forbidden} (403) otherwise.
 */
export function assertActsFor(principal: Principal, companyId: string): void {
  if (principal.role !== 'service') return;
  if (principal.companyId !== companyId) {
    throw new Forbidden(`this service key acts for company ${principal.companyId ?? '(none)'} only, not ${companyId}`);
  }
}
