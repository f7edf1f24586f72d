import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../common/terms.js';
import { AUTHENTICATOR, type Authenticator } from './authenticator.js';
import { FailedAuthentications, TooManyFailedAuthentications } from './failed-authentications.js';
import { PUBLIC_METADATA, ROLES_METADATA, type Principal } from './principal.js';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
  principal?: Principal;
}

interface AuthResponse {
  setHeader(name: string, value: string): void;
}

/**
 * `Bearer`, one or more spaces (RFC 6750), then the key: everything up to the end of the header,
 * compared exactly. Nothing may follow the key: a non-breaking space or any other whitespace
 * after it makes the header refused, not trimmed (docs/api.md §3). Spaces and tabs at the very
 * end of a header never reach the ledger: HTTP strips them from every field value (RFC 9110 §5.5).
 */
const BEARER = /^Bearer +(\S+)$/i;

/**
 * The global guard (docs/api.md: Authentication): `@Public()` routes need nothing (a valid key
 * there still puts its principal on the request: `GET /health` tells such a caller more); every other
 * route needs `Authorization: Bearer <key>` (missing, unknown or revoked: 401) and a role listed
 * in its `@Roles(...)` (otherwise 403; a route that lists no roles is closed to every key, so a
 * forgotten decorator fails safe). Failed authentications are counted per client address, and an
 * address with too many answers 429 with `Retry-After` ({@link FailedAuthentications}). Puts the
 * {@link Principal} on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    private readonly failures: FailedAuthentications,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<AuthRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) {
      // There a missing or bad key is no key: never a 401, and not a failed authentication.
      const key = typeof request.headers.authorization === 'string' ? BEARER.exec(request.headers.authorization)?.[1] : undefined;
      const principal = key === undefined ? undefined : this.authenticator.recognise(key);
      if (principal) request.principal = principal;
      return true;
    }
    try {
      request.principal = await this.authenticate(request);
    } catch (error) {
      if (error instanceof TooManyFailedAuthentications) http.getResponse<AuthResponse>().setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets) ?? [];
    if (!roles.includes(request.principal.role)) {
      throw new ForbiddenException(`role ${request.principal.role} may not do this (allowed: ${roles.join(', ') || 'none'})`);
    }
    return true;
  }

  private async authenticate(request: AuthRequest): Promise<Principal> {
    const address = request.ip ?? request.socket?.remoteAddress;
    this.failures.assertNotBlocked(address);
    const header = request.headers.authorization;
    if (header === undefined || header === '') throw new UnauthorizedException('missing API key: send Authorization: Bearer <key>');
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    const principal = match ? await this.authenticator.authenticate(match[1]) : undefined;
    if (principal) return principal;
    // A presented key that is not accepted counts; a request without one is no guess.
    await this.failures.record(address);
    throw new UnauthorizedException(match ? 'unknown API key' : 'the Authorization header must be "Bearer <key>", with nothing after the key');
  }
}
