import { applyDecorators } from '@nestjs/common';
import { ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** The 401 and 403 every keyed route can answer (docs/api.md "Authentication and roles"), for the OpenAPI document. */
export const AuthResponses = (forbidden = 'a key whose role may not do this'): MethodDecorator =>
  applyDecorators(ApiUnauthorizedResponse({ description: 'no key, an unknown key or a revoked key' }), ApiForbiddenResponse({ description: forbidden }));
