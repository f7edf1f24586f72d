import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { PolicyFactDto } from './policy-fact.dto.js';

/** A policy read (roles `regulator`, `auditor`): the fact as known now, or at `knownAt`/`position`. */
export const PolicyReadRoute = (tag: string, summary: string): MethodDecorator =>
  applyDecorators(
    ApiTags(`policy: ${tag}`),
    Roles('regulator', 'auditor'),
    ApiOperation({ summary }),
    ApiOkResponse({ type: PolicyFactDto }),
    ApiBadRequestResponse({ description: 'a malformed knownAt or position, both given, or a position beyond the head' }),
    ApiNotFoundResponse({ description: 'no such fact (as known at the cut)' }),
    AuthResponses(),
  );
