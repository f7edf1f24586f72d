import type { LoggerService } from '@nestjs/common';

/** `LOG_LEVEL`: the least severe log line written (`silent` writes none). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
/** The accepted values of `LOG_LEVEL`. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Where log lines go: stdout by default, an array in tests. */
export type LogSink = (line: string) => void;

/** The default sink: one line per log entry on stdout. */
export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Structured logs: one JSON object per line (`time`, `level`, `context`, `msg`, then fields).
 * Serves as Nest's LoggerService, so start-up and framework messages come out in the same form.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly sink: LogSink = stdoutSink,
  ) {}

  /** Writes one line if `level` passes the threshold. */
  write(level: Exclude<LogLevel, 'silent'>, context: string, msg: string, fields: Record<string, unknown> = {}): void {
    if (SEVERITY[level] < SEVERITY[this.level]) return;
    this.sink(JSON.stringify({ time: new Date().toISOString(), level, context, msg, ...fields }));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', contextOf(rest), text(message));
  }

  /** Nest calls `error(message, stack?, context?)`. */
  error(message: unknown, ...rest: unknown[]): void {
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : message instanceof Error ? message.stack : undefined;
    this.write('error', contextOf(rest), text(message), stack ? { stack } : {});
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', contextOf(rest), text(message));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', contextOf(rest), text(message));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', contextOf(rest), text(message));
  }
}

/** Nest passes the context as the last string argument. */
const contextOf = (rest: unknown[]): string => {
  const last = rest[rest.length - 1];
  return typeof last === 'string' ? last : 'app';
};

const text = (message: unknown): string =>
  typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message);
