import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { ValidationFailed } from '../common/errors.js';
import { parseStrictJson } from './strict-json.js';

/** The largest body the ledger reads (docs/api.md §1). */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * A body the edge refused, standing in `request.body` for its value. The refusal is answered by
 * {@link RefusedBodyInterceptor} once the guard has let the request through, so that the order of
 * checks stays route, key and role, then body (docs/api.md §11).
 */
export class RefusedBody {
  constructor(readonly error: Error) {}
}

interface BodyRequest extends IncomingMessage {
  body?: unknown;
}

const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;

/** Why the declared media type is not one the ledger reads, or undefined when it is JSON in UTF-8. */
function mediaTypeProblem(request: IncomingMessage): string | undefined {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return 'the request body must not be compressed (Content-Encoding)';
  const header = request.headers['content-type'];
  if (header === undefined) return 'the request body must be JSON: send Content-Type: application/json';
  let type: string;
  let charset: string | undefined;
  try {
    const parsed = parseContentType(header);
    type = parsed.type;
    charset = parsed.parameters.charset;
  } catch {
    return 'the request body must be JSON: send Content-Type: application/json';
  }
  if (type !== 'application/json') return 'the request body must be JSON: send Content-Type: application/json';
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') return 'the request body must be UTF-8';
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's value, or the error that refuses it. */
function readJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw ValidationFailed.of('body', 'is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  const result = parseStrictJson(text);
  if (result.ok) return result.value;
  // The message of the earlier body parser, kept: it never quotes the body.
  if (result.syntax) throw new BadRequestException('the request body is not valid JSON');
  throw new ValidationFailed(result.problems);
}

/** Reads whatever is left of the request and discards it, then calls `then` (once). */
function drain(request: IncomingMessage, then: () => void): void {
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    then();
  };
  if (request.complete || request.readableEnded) return once();
  request.on('end', once);
  request.on('close', once);
  request.on('error', once);
  request.resume();
}

/**
 * The one body parser of the ledger (docs/api.md §1 "transport"), in place of Express's JSON and
 * form parsers: a body must be `application/json` in UTF-8 (415 otherwise), at most
 * {@link MAX_BODY_BYTES} (413), and strict JSON (src/http/strict-json.ts: 400 naming the path).
 * An empty body is no body. Express's own parsers, registered after this one, find the request
 * read and leave it alone.
 */
export function jsonBody() {
  return (request: BodyRequest, _response: unknown, next: () => void): void => {
    if (!hasBody(request)) return next();
    const refuse = (error: Error): void => {
      request.body = new RefusedBody(error);
      drain(request, next);
    };
    const empty = request.headers['content-length'] === '0';
    const problem = empty ? undefined : mediaTypeProblem(request);
    if (problem) return refuse(new UnsupportedMediaTypeException(problem));
    getRawBody(request, { length: request.headers['content-length'], limit: MAX_BODY_BYTES }, (error, bytes) => {
      if (error) {
        return refuse(error.type === 'entity.too.large' ? new PayloadTooLargeException() : new BadRequestException('the request body could not be read'));
      }
      try {
        request.body = readJson(bytes);
      } catch (refusal) {
        return refuse(refusal as Error);
      }
      next();
    });
  };
}
