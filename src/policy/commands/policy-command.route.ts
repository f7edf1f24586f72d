import { applyDecorators, Controller, createParamDecorator, type ExecutionContext, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { principalOf, Roles } from '../../auth/principal.js';
import { AuthResponses } from '../../http/auth-responses.js';
import { originOf, type CommandOrigin } from './policy.command.js';
import { PolicyAnswerDto, PolicyAnswerInterceptor } from './policy.answer.js';

/** A controller of one policy use case, under `/v1/<path>` and the OpenAPI tag of its fact kind. */
export const PolicyController = (tag: string, path: string): ClassDecorator => applyDecorators(ApiTags(`policy: ${tag}`), Controller(`v1/${path}`));

/** Injects the {@link CommandOrigin} of the request: the authenticated caller as the command's actor. */
export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): CommandOrigin => originOf(principalOf(context)));

/**
 * A policy command route (role `regulator`; docs/api.md "Policy commands"). `creates`: a POST
 * answering 201, or 200 for an idempotent repeat; otherwise a PUT amendment answering 200. The
 * handler's PolicyOutcome becomes the answer in {@link PolicyAnswerInterceptor}.
 */
export const PolicyCommandRoute = (summary: string, creates: boolean, notFound = true): MethodDecorator =>
  applyDecorators(
    Roles('regulator'),
    UseInterceptors(PolicyAnswerInterceptor),
    ApiOperation({ summary }),
    ...(creates ? [ApiCreatedResponse({ type: PolicyAnswerDto, description: 'appended: `{id, eventId, position}`' })] : []),
    ApiOkResponse({ type: PolicyAnswerDto, description: creates ? 'an idempotent repeat: the original answer' : 'amended, or already so: `{id, eventId, position}`' }),
    ApiBadRequestResponse({ description: 'every problem named with its field; nothing appended' }),
    ...(notFound ? [ApiNotFoundResponse({ description: 'no such fact' })] : []),
    ApiConflictResponse({ description: 'the id exists with other content, or the command contradicts what is recorded' }),
    AuthResponses(),
  );
