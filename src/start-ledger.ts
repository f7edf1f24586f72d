import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig, type LedgerEnv } from './config/config.loader.js';
import { configureApp } from './http/configure-app.js';
import { GracefulShutdown } from './http/graceful-shutdown.js';
import { JsonLogger, stdoutSink, type LogSink } from './logging/json.logger.js';

export interface StartOptions {
  /** Where generated keys are shown (default stdout). */
  readonly print?: (text: string) => void;
  /** Where log lines go (default stdout). */
  readonly logSink?: LogSink;
  /** Listen on this port instead of `PORT` (0: any free port). */
  readonly port?: number;
  /**
   * Shut down gracefully on SIGTERM and SIGINT, then end the process (`main` sets it; a test
   * that starts the ledger in its own process closes it instead).
   */
  readonly exitOnSignals?: boolean;
}

/**
 * Boots the ledger from the environment: validates the configuration (a bad variable stops
 * start-up with its name and the reason), provisions API keys, opens the store and listens.
 * With `exitOnSignals`, SIGTERM/SIGINT drain the requests in flight, close the store and end
 * the process (src/http/graceful-shutdown.ts).
 */
export async function startLedger(env: LedgerEnv, options: StartOptions = {}): Promise<NestExpressApplication> {
  const config = loadConfig(env);
  const logger = new JsonLogger(config.logLevel, options.logSink ?? stdoutSink);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { logger, print: options.print }), {
    logger,
    bufferLogs: true,
    abortOnError: false,
  });
  const shutdown = new GracefulShutdown(app, logger);
  // First of all middleware: a request counts as in flight from its first byte on.
  app.use(shutdown.track);
  configureApp(app);
  if (options.exitOnSignals) shutdown.onSignals(['SIGTERM', 'SIGINT'], (code) => process.exit(code));
  await app.listen(options.port ?? config.port);
  logger.write('info', 'main', 'ledger listening', {
    url: await app.getUrl(),
    store: config.eventStoreUrl.startsWith('sqlite:') ? config.eventStoreUrl : config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//***@'),
    seed: config.seed,
  });
  return app;
}
