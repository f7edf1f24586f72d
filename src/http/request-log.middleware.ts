import type { Principal } from '../auth/principal.js';
import type { JsonLogger } from '../logging/json.logger.js';

interface LoggedRequest {
  method: string;
  originalUrl: string;
  principal?: Principal;
}

interface LoggedResponse {
  statusCode: number;
  on(event: 'finish' | 'close', listener: () => void): void;
}

/**
 * One JSON line per request: method, path (without the query), status, duration, and the
 * caller's role and non-secret key id when authenticated. Never the key or the Authorization header.
 */
export function requestLog(logger: JsonLogger) {
  return (request: LoggedRequest, response: LoggedResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.write('info', 'http', 'request', {
        method: request.method,
        path: request.originalUrl.split('?')[0],
        status: response.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
        role: request.principal?.role ?? null,
        keyId: request.principal?.keyId ?? null,
      });
    };
    response.on('finish', log);
    response.on('close', log);
    next();
  };
}
