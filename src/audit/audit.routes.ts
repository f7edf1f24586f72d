import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
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

/** The largest tree size a query names (2^53 − 1 events, far beyond any log). */
const TREE_SIZE_PATTERN = /^(0|[1-9][0-9]{0,15})$/;

/** A tree size in a query (`treeSize`, `from`, `to`): a decimal integer; the handler checks it against the log's tree. */
export const TreeSizeParam = (description: string, optional: boolean): PropertyDecorator =>
  applyDecorators(
    optional ? ApiPropertyOptional({ example: '12', description }) : ApiProperty({ example: '12', description }),
    ...(optional ? [IsOptional()] : []),
    Matches(TREE_SIZE_PATTERN, { message: '$property must be a tree size (a decimal integer)' }),
  );
