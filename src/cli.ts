import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { existsSync } from 'node:fs';
import { describeVerification } from './audit/verification/verification.report.js';
import { VerifyChainsHandler } from './audit/verification/verify-chains.handler.js';
import { VerifyChainsQuery } from './audit/verification/verify-chains.query.js';
import { LedgerConfigModule } from './config/config.module.js';
import { DEFAULT_CONFIG } from './config/ledger-config.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { LEDGER_STREAM_PREFIXES } from './ledger-streams.js';
import { JsonLogger } from './logging/json.logger.js';
import { systemClock } from './shared/clock.js';

/**
 * The ledger's command line (`npm run verify`, or `node dist/src/cli.js <command>`). It opens the
 * store named by `EVENT_STORE_URL`, as the app does (default `sqlite:data/ledger.sqlite`), and
 * asks its question through the query bus, as the HTTP edge does.
 *
 * `verify`: recomputes every stream's hash chain (chain-verification.ts). Exit code 0 when the
 * chains verify, 1 with the first problem printed when they do not, 2 when it could not verify
 * (unknown command, bad URL, no ledger at that path, store unreachable).
 */

const USAGE = 'usage: cli.ts verify   (reads EVENT_STORE_URL; default sqlite:data/ledger.sqlite)';

class CliError extends Error {}

/** Just the store and the verification handler: no projections, no HTTP, nothing logged. */
@Module({})
class VerifyModule {
  static forStore(url: string): DynamicModule {
    return {
      module: VerifyModule,
      imports: [
        LedgerConfigModule.forRoot({ ...DEFAULT_CONFIG, eventStoreUrl: url }, systemClock, new JsonLogger('silent')),
        EventStoreModule.forRoot(url, { ledgerStreamPrefixes: LEDGER_STREAM_PREFIXES }),
        CqrsModule.forRoot(),
      ],
      providers: [VerifyChainsHandler],
    };
  }
}

/** A path that names no file would be created empty and "verify": refuse it instead. */
function assertStoredLedger(url: string): void {
  if (!url.startsWith('sqlite:')) return;
  const path = url.slice('sqlite:'.length).split('?', 1)[0];
  if (path === ':memory:') throw new CliError('EVENT_STORE_URL names an in-memory store: there is no stored ledger to verify');
  if (!existsSync(path)) throw new CliError(`no ledger at ${path} (EVENT_STORE_URL)`);
}

async function verify(url: string): Promise<number> {
  assertStoredLedger(url);
  // abortOnError: false, so that a store that cannot be opened is an exit code 2 here, not Nest's exit(1).
  const app = await NestFactory.createApplicationContext(VerifyModule.forStore(url), { logger: false, abortOnError: false });
  try {
    const report = await app.get(QueryBus).execute(new VerifyChainsQuery());
    // The verdict on the chains is the command's output, either way; stderr is for not being able to verify.
    process.stdout.write(`${describeVerification(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'verify' || rest.length > 0) throw new CliError(USAGE);
  const url = process.env.EVENT_STORE_URL?.trim() || DEFAULT_CONFIG.eventStoreUrl;
  return verify(url);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
