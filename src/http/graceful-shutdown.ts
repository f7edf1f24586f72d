import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { JsonLogger } from '../logging/json.logger.js';

/** How long requests in flight may take to finish once shutdown begins (docs/api.md §10). */
export const DRAIN_TIMEOUT_MS = 10_000;

interface TrackedRequest {
  readonly socket: Socket;
}

interface TrackedResponse {
  readonly headersSent: boolean;
  setHeader(name: string, value: string): void;
  once(event: 'finish' | 'close', listener: () => void): void;
}

/** What a connection is doing: requests being answered on it, and how many it has had answered. */
interface Connection {
  active: number;
  served: number;
}

/**
 * Graceful shutdown (docs/api.md §10): on SIGTERM or SIGINT the listener closes, so no new
 * connection is accepted; requests in flight, and requests already sent on open connections, run
 * to their answer, each on a connection that closes after it; connections idle between two
 * requests are closed; once no connection is left, or after {@link DRAIN_TIMEOUT_MS}, the app
 * closes: subscriptions and schedulers stop, then the store. Only then does the process exit, so
 * every write that was answered is in the store, and none was cut off mid-flight. A second
 * signal closes the connections left at once.
 *
 * Nest's own shutdown hooks run the module hooks first and close the HTTP server after them,
 * which stops the read models under requests still waiting for them; and Node's
 * `server.close()` destroys every connection that is not inside a request, also one accepted a
 * moment ago whose request has not been read yet: that request would be reset. Hence this
 * order, and the listener closed on its own.
 */
export class GracefulShutdown {
  private readonly connections = new Map<Socket, Connection>();
  private draining = false;
  private closing?: Promise<void>;

  constructor(
    private readonly app: INestApplication,
    private readonly logger: JsonLogger,
    private readonly drainTimeoutMs = DRAIN_TIMEOUT_MS,
  ) {
    this.server().on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, served: 0 });
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  /** Express middleware (first of all): follows each request until its answer is sent or its connection dies. */
  readonly track = (request: TrackedRequest, response: TrackedResponse, next: () => void): void => {
    const connection = this.connections.get(request.socket) ?? { active: 0, served: 0 };
    connection.active++;
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      connection.active--;
      connection.served++;
      if (this.draining && connection.active === 0) request.socket.end();
    };
    response.once('finish', finished);
    response.once('close', finished);
    // Served while draining: the client learns that this connection takes no further request.
    if (this.draining) response.setHeader('Connection', 'close');
    next();
  };

  /** Requests being answered now. */
  get inFlight(): number {
    let active = 0;
    for (const connection of this.connections.values()) active += connection.active;
    return active;
  }

  /** Shuts down on each of `signals`, then calls `exit` (0 when shut down cleanly, 1 when closing failed). */
  onSignals(signals: readonly NodeJS.Signals[], exit: (code: number) => void): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.closing) {
          this.logger.write('warn', 'shutdown', `${signal} again: closing the connections left now`, { inFlight: this.inFlight });
          this.server().closeAllConnections();
          return;
        }
        this.shutdown(signal).then(
          () => exit(0),
          (error: Error) => {
            this.logger.write('error', 'shutdown', `shutdown failed: ${error.message}`, { stack: error.stack });
            exit(1);
          },
        );
      });
    }
  }

  /** Stops accepting, drains, closes the app; the same promise however often it is called. */
  shutdown(reason: string): Promise<void> {
    this.closing ??= this.drainAndClose(reason);
    return this.closing;
  }

  private async drainAndClose(reason: string): Promise<void> {
    const started = Date.now();
    const server = this.server();
    this.draining = true;
    this.logger.write('info', 'shutdown', 'shutting down: accepting no new connections, draining the requests in flight', { reason, inFlight: this.inFlight, connections: this.connections.size });
    // The listening socket only (see the class comment); 'close' comes once every connection has ended.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    for (const [socket, connection] of this.connections) {
      // Kept alive after an answer and idle now: nothing is lost (HTTP lets a client retry there).
      if (connection.active === 0 && connection.served > 0) socket.destroy();
    }
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([closed.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.drainTimeoutMs)))]);
    clearTimeout(timer);
    if (!drained) {
      this.logger.write('warn', 'shutdown', `requests still in flight after ${this.drainTimeoutMs} ms: closing their connections`, { inFlight: this.inFlight, connections: this.connections.size });
      server.closeAllConnections();
      await closed;
    }
    this.logger.write('info', 'shutdown', 'drained; closing the store', { durationMs: Date.now() - started });
    await this.app.close();
    this.logger.write('info', 'shutdown', 'shut down', { durationMs: Date.now() - started });
  }

  private server(): Server {
    return this.app.getHttpServer() as Server;
  }
}
