import 'reflect-metadata';
import { ConfigError } from './config/config.error.js';
import { startLedger } from './start-ledger.js';

// The process entry point (`npm start`): everything testable lives in startLedger.
startLedger(process.env, { exitOnSignals: true }).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const failure = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', context: 'main', msg: `start-up failed: ${failure.message}`, stack: failure.stack })}\n`);
  }
  process.exit(1);
});
