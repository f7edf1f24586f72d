import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal.js';
import { AuthResponses } from '../http/auth-responses.js';

/** A controller of one access-key use case, under `/v1/keys` (docs/api.md §12). */
export const AccessKeysController = (): ClassDecorator => applyDecorators(ApiTags('access keys'), Controller('v1/keys'));

/** Role admin only: every other key gets 403. */
export const AdminRoute = (): MethodDecorator => applyDecorators(Roles('admin'), AuthResponses('a key whose role is not admin'));
