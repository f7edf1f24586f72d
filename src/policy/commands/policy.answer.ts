import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { setCreatedOrRepeated, type StatusResponse } from '../../http/created-or-repeated.js';
import type { PolicyAnswer, PolicyOutcome } from '../commands/policy.outcome.js';

/** The OpenAPI shape of {@link PolicyAnswer}. */
export class PolicyAnswerDto implements PolicyAnswer {
  @ApiProperty({ description: 'the fact id', example: 'lingang-gdl-2024' })
  id!: string;

  @ApiProperty({ description: 'the id of the event appended, or of the original event for an idempotent repeat', format: 'uuid' })
  eventId!: string;

  @ApiProperty({ description: 'the ledger position of that event (decimal string)', example: '42' })
  position!: string;
}

/**
 * Turns a handler's {@link PolicyOutcome} into the HTTP answer: creations and lifecycle commands
 * (POST) 201 when they appended and 200 for a repeat; amendments (PUT) always 200 (docs/api.md).
 */
@Injectable()
export class PolicyAnswerInterceptor implements NestInterceptor<PolicyOutcome, PolicyAnswer> {
  intercept(context: ExecutionContext, next: CallHandler<PolicyOutcome>): Observable<PolicyAnswer> {
    const http = context.switchToHttp();
    const post = http.getRequest<{ method: string }>().method === 'POST';
    return next.handle().pipe(
      map((outcome) => {
        setCreatedOrRepeated(http.getResponse<StatusResponse>(), post && outcome.appended);
        return outcome.answer;
      }),
    );
  }
}
