import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { signingKeyFileFor } from './audit/seal/signing-key.provisioning.js';
import { describeCheckpointVerification } from './audit/verification/checkpoint-verification.report.js';
import { describeVerification } from './audit/verification/verification.report.js';
import { VerifyChainsHandler } from './audit/verification/verify-chains.handler.js';
import { VerifyChainsQuery } from './audit/verification/verify-chains.query.js';
import { VerifyCheckpointHandler } from './audit/verification/verify-checkpoint.handler.js';
import { VerifyCheckpointQuery } from './audit/verification/verify-checkpoint.query.js';
import { CliError, parseOptions, publicKeyFromPem, readJsonFile, readPublicKeyFile } from './cli-files.js';
import { parseCheckpoint, type Checkpoint } from './common/merkle/checkpoint.js';
import { LedgerConfigModule } from './config/config.module.js';
import { DEFAULT_CONFIG } from './config/ledger-config.js';
import { readSigningKey } from './config/signing-key.parser.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { LEDGER_STREAM_PREFIXES } from './ledger-streams.js';
import { JsonLogger } from './logging/json.logger.js';
import { report, REPORT_USAGE, UsageError } from './report.cli.js';
import { systemClock } from './common/clock.js';

/**
 * The ledger's command line (`npm run verify`, or `node dist/src/cli.js <command>`). It opens the
 * store named by `EVENT_STORE_URL`, as the app does (default `sqlite:data/ledger.sqlite`), and
 * asks its question through the query bus, as the HTTP edge does.
 *
 * `verify`: recomputes every stream's hash chain (chain-verification.ts). With `--checkpoint
 * saved.json`, also checks the log against a checkpoint saved earlier (checkpoint-verification.ts):
 * its signature with the ledger's public key (`--public-key k.pem`, else the key the ledger signs
 * with: `LEDGER_SIGNING_KEY` or the key file beside the SQLite database), then that the log
 * extends it exactly. Exit code 0 when everything verifies, 1 with the first problem printed when
 * not, 2 when it could not verify (unknown command or argument, an unreadable checkpoint or key,
 * bad URL, no ledger at that path, store unreachable).
 *
 * `report`: renders a report offline (report.cli.ts). Exit code 0, or 2 for bad arguments,
 * parameters or cut (each named on stderr) and for a store that could not be read.
 */

const USAGE = `usage: cli.ts verify [--checkpoint <saved checkpoint.json> [--public-key <key.pem>]]   (reads EVENT_STORE_URL; default sqlite:data/ledger.sqlite)\n   or: ${REPORT_USAGE.replace('usage: ', '')}`;


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
      providers: [VerifyChainsHandler, VerifyCheckpointHandler],
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

/** What to check the log against, when `--checkpoint` is given. */
interface Against {
  readonly checkpoint: Checkpoint;
  readonly publicKey: KeyObject;
}

async function verify(url: string, against: Against | undefined): Promise<number> {
  assertStoredLedger(url);
  // abortOnError: false, so that a store that cannot be opened is an exit code 2 here, not Nest's exit(1).
  const app = await NestFactory.createApplicationContext(VerifyModule.forStore(url), { logger: false, abortOnError: false });
  try {
    const queries = app.get(QueryBus);
    // The verdict on the log is the command's output, either way; stderr is for not being able to verify.
    if (against) {
      const report = await queries.execute(new VerifyCheckpointQuery(against.checkpoint, against.publicKey));
      process.stdout.write(`${describeCheckpointVerification(report)}\n`);
      return report.ok ? 0 : 1;
    }
    const report = await queries.execute(new VerifyChainsQuery());
    process.stdout.write(`${describeVerification(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

function readCheckpoint(path: string): Checkpoint {
  const { checkpoint, problems } = parseCheckpoint(readJsonFile(path, 'the checkpoint file'));
  if (!checkpoint) throw new CliError(`the checkpoint file ${path} is not a checkpoint: ${problems.join('; ')}`);
  return checkpoint;
}

/** The key to check a checkpoint with: the one given, else the public half of the key the ledger signs with. */
function ledgerPublicKey(url: string, given: string | undefined): KeyObject {
  if (given !== undefined) return readPublicKeyFile(given);
  const configured = process.env.LEDGER_SIGNING_KEY?.trim();
  if (configured) {
    const { pem, problem } = readSigningKey(configured);
    if (!pem) throw new CliError(problem);
    return createPublicKey(pem);
  }
  const file = signingKeyFileFor(url);
  if (file && existsSync(file)) return publicKeyFromPem(readFileSync(file, 'utf8'), `the signing key file ${file}`);
  throw new CliError('no public key to check the checkpoint with: give --public-key <file> (the publicKeyPem of GET /v1/audit/public-key)');
}

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  const url = process.env.EVENT_STORE_URL?.trim() || DEFAULT_CONFIG.eventStoreUrl;
  if (command === 'report') {
    assertStoredLedger(url);
    return report(url, rest).catch((error: unknown) => {
      throw error instanceof UsageError ? new CliError(error.message) : error;
    });
  }
  if (command !== 'verify') throw new CliError(USAGE);
  const options = parseOptions(rest, ['checkpoint', 'public-key'], USAGE);
  const [checkpointFile, more] = options.get('checkpoint') ?? [];
  const [publicKeyFile] = options.get('public-key') ?? [];
  if (more !== undefined || (options.get('public-key')?.length ?? 0) > 1) throw new CliError(`give each option once\n${USAGE}`);
  if (publicKeyFile !== undefined && checkpointFile === undefined) throw new CliError(`--public-key checks a checkpoint: give --checkpoint too\n${USAGE}`);
  const against = checkpointFile === undefined ? undefined : { checkpoint: readCheckpoint(checkpointFile), publicKey: ledgerPublicKey(url, publicKeyFile) };
  return verify(url, against);
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
