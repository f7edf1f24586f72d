import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { DuplicateEventIdError, EventStoreUnavailableError, STORE_UNAVAILABLE, WrongExpectedRevisionError } from '../event-store/event-store.port.js';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../common/errors.js';
import type { JsonLogger } from '../logging/json.logger.js';

/** The one error body of the API (docs/api.md: Errors); a class so that OpenAPI can describe it. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  readonly statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP status text.' })
  readonly error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['thresholds.0.atLeast must not be less than 0'],
    description: 'What went wrong; for a validation failure, every problem as "field reason".',
  })
  readonly message!: string | string[];
}

interface ExpressResponse {
  headersSent: boolean;
  status(code: number): ExpressResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

const body = (statusCode: number, message: string | string[]): ErrorBody => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

/**
 * Maps everything thrown while handling a request to `{statusCode, error, message}`: domain
 * rejections (src/common/errors.ts) to 400/403/404/409, Nest's HTTP exceptions (unknown routes,
 * guard rejections, malformed JSON, bodies too large) to their own status, an unreachable store to
 * 503, and anything else to a 500 that is logged with its stack and never shows it.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ExpressResponse>();
    const answer = this.toBody(exception);
    if (response.headersSent) return;
    if (answer.statusCode === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(answer.statusCode).json(answer);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ValidationFailed) return body(400, exception.problems.map((p) => `${p.field} ${p.reason}`));
    if (exception instanceof NotFound) return body(404, exception.message);
    if (exception instanceof Conflict) return body(409, exception.message);
    if (exception instanceof Forbidden) return body(403, exception.message);
    // A handler that ran out of retries against concurrent writers: the client may retry.
    if (exception instanceof WrongExpectedRevisionError) return body(409, 'the fact was changed concurrently; retry');
    // An event id already stored as another event (only deterministic ids can collide): nothing was written.
    if (exception instanceof DuplicateEventIdError) return body(409, 'an event with this id is already recorded with other content; nothing was written');
    if (exception instanceof EventStoreUnavailableError) {
      this.logger.write('error', 'http', 'event store unavailable', { error: exception.message });
      return body(503, STORE_UNAVAILABLE);
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.write('error', 'http', `unexpected error: ${error.message}`, { name: error.name, stack: error.stack });
    return body(500, 'internal server error');
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    // Express's body parser: do not echo its parser message (it quotes the body).
    if (exception.cause instanceof SyntaxError && status === 400) return body(400, 'the request body is not valid JSON');
    if (status === 413) return body(413, 'the request body is too large');
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string' || Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string | string[] }).message
          : exception.message;
    if (status >= 500) this.logger.write('error', 'http', `server error: ${exception.message}`, { stack: exception.stack });
    return body(status, message);
  }
}
