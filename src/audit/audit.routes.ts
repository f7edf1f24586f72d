import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/principal.js';
import { AuthResponses } from '../http/auth-responses.js';

/**
 * An auditor's read (roles `auditor` and `regulator`: the people who must be able to trust the
 * ledger; a service key gets 403). `badRequest`: what a 400 means on this route, if it has input.
 */
export const AuditRoute = (summary: string, answer: Type<unknown>, badRequest?: string): MethodDecorator =>
  applyDecorators(
    Roles('auditor', 'regulator'),
    ApiOperation({ summary }),
    ApiOkResponse({ type: answer }),
    ...(badRequest ? [ApiBadRequestResponse({ description: badRequest })] : []),
    AuthResponses('a key whose role may not do this (service keys)'),
  );
