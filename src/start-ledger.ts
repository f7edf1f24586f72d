import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig, type LedgerEnv } from './config/config.loader.js';
import { configureApp } from './http/configure-app.js';
import { JsonLogger, stdoutSink, type LogSink } from './logging/json.logger.js';

export interface StartOptions {
  /** Where generated keys are shown (default stdout). */
  readonly print?: (text: string) => void;
  /** Where log lines go (default stdout). */
  readonly logSink?: LogSink;
  /** Listen on this port instead of `PORT` (0: any free port). */
  readonly port?: number;
}

/**
 * Boots the ledger from the environment: validates the configuration (a bad variable stops
 * start-up with its name and the reason), provisions API keys, opens the store and listens.
 * Shutdown hooks close the store on SIGTERM/SIGINT.
 */
export async function startLedger(env: LedgerEnv, options: StartOptions = {}): Promise<NestExpressApplication> {
  const config = loadConfig(env);
  const logger = new JsonLogger(config.logLevel, options.logSink ?? stdoutSink);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { logger, print: options.print }), {
    logger,
    bufferLogs: true,
    abortOnError: false,
  });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(options.port ?? config.port);
  logger.write('info', 'main', 'ledger listening', {
    url: await app.getUrl(),
    store: config.eventStoreUrl.startsWith('sqlite:') ? config.eventStoreUrl : config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//***@'),
    seed: config.seed,
  });
  return app;
}
