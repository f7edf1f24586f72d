import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRegistry } from './api-key.registry.js';
import type { Role } from '../config/ledger-config.js';
import { PUBLIC_METADATA, ROLES_METADATA, type Principal } from './principal.js';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The global guard (CONTRACT.md: Authentication): `@Public()` routes need nothing (a valid key
 * there still puts its principal on the request); every other
 * route needs `Authorization: Bearer <key>` (missing or unknown: 401) and a role listed in its
 * `@Roles(...)` (otherwise 403; a route that lists no roles is closed to every key, so a
 * forgotten decorator fails safe). Puts the {@link Principal} on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) {
      // A public route may tell a caller with a valid key more (GET /health); there a missing or
      // bad key is no key, never a 401.
      const key = typeof request.headers.authorization === 'string' ? BEARER.exec(request.headers.authorization)?.[1] : undefined;
      const principal = key === undefined ? undefined : this.registry.authenticate(key);
      if (principal) request.principal = principal;
      return true;
    }

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('missing API key: send Authorization: Bearer <key>');
    const principal = this.registry.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('unknown API key');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (allowed: ${roles.join(', ') || 'none'})`);
    }
    return true;
  }
}
