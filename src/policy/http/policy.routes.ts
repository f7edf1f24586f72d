import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../../auth/principal.js';
import { PolicyFactDto } from '../queries/get-policy-fact/policy-fact.dto.js';
import { PolicyAnswerDto } from './policy.answer.js';

const unauthorized = [
  ApiUnauthorizedResponse({ description: 'no key or an unknown key' }),
  ApiForbiddenResponse({ description: 'a key whose role may not do this' }),
];

/**
 * A policy command route (role `regulator`; CONTRACT.md "Policy commands"). `creates`: a POST
 * answering 201, or 200 for an idempotent repeat; otherwise a PUT amendment answering 200.
 */
export const PolicyCommandRoute = (summary: string, creates: boolean, notFound = true): MethodDecorator =>
  applyDecorators(
    Roles('regulator'),
    ApiOperation({ summary }),
    ...(creates ? [ApiCreatedResponse({ type: PolicyAnswerDto, description: 'appended: `{id, eventId, position}`' })] : []),
    ApiOkResponse({ type: PolicyAnswerDto, description: creates ? 'an idempotent repeat: the original answer' : 'amended, or already so: `{id, eventId, position}`' }),
    ApiBadRequestResponse({ description: 'every problem named with its field; nothing appended' }),
    ...(notFound ? [ApiNotFoundResponse({ description: 'no such fact' })] : []),
    ApiConflictResponse({ description: 'the id exists with other content, or the command contradicts what is recorded' }),
    ...unauthorized,
  );

/** A policy read (roles `regulator`, `auditor`): the fact as known now, or at `knownAt`/`position`. */
export const PolicyReadRoute = (summary: string): MethodDecorator =>
  applyDecorators(
    Roles('regulator', 'auditor'),
    ApiOperation({ summary }),
    ApiOkResponse({ type: PolicyFactDto }),
    ApiBadRequestResponse({ description: 'a malformed knownAt or position, both given, or a position beyond the head' }),
    ApiNotFoundResponse({ description: 'no such fact (as known at the cut)' }),
    ...unauthorized,
  );
