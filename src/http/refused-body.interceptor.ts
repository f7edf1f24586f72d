import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { RefusedBody } from './json-body.middleware.js';

/**
 * Answers a body the JSON edge refused (415, 413, 400: src/http/json-body.middleware.ts). An
 * interceptor runs after the guard and before the pipes, so a caller without a valid key hears
 * 401 before anything about its body (docs/api.md §11: route, key and role, then body).
 */
@Injectable()
export class RefusedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body } = context.switchToHttp().getRequest<{ body?: unknown }>();
    if (body instanceof RefusedBody) throw body.error;
    return next.handle();
  }
}
