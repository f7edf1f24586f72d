import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../common/terms.js';

/** Who is calling, resolved from the API key (docs/api.md "Authentication"). */
export interface Principal {
  readonly role: Role;
  /** Set for service keys: the only company the key may act for. */
  readonly companyId?: string;
  /** A short, non-secret identifier of the key (for logs and event metadata). */
  readonly keyId: string;
}

export const ROLES_METADATA = 'ledger:roles';
export const PUBLIC_METADATA = 'ledger:public';

/** The roles allowed on a controller or route; the global ApiKeyGuard enforces it (401/403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/** A route that needs no key (only `/health` and the docs). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

/** The authenticated Principal the guard put on the request. */
export function principalOf(context: ExecutionContext): Principal {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('no principal on the request: is the route missing @Roles()?');
  return request.principal;
}

/** Injects the authenticated Principal the guard put on the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => principalOf(context));
