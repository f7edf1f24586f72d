import { existsSync } from 'node:fs';
import { describeVerification, verificationReport } from './audit/verification/verification.report.js';
import { DEFAULT_CONFIG } from './config/ledger-config.js';
import { verifyChains } from './event-store/chain-verification.js';
import { createEventStore } from './event-store/event-store.factory.js';

/**
 * The ledger's command line (`npm run verify`, or `node dist/src/cli.js <command>`). It opens the
 * store named by `EVENT_STORE_URL`, as the app does (default `sqlite:data/ledger.sqlite`).
 *
 * `verify`: recomputes every stream's hash chain (chain-verification.ts). Exit code 0 when the
 * chains verify, 1 with the first problem printed when they do not, 2 when it could not verify
 * (unknown command, bad URL, no ledger at that path, store unreachable).
 */

const USAGE = 'usage: cli.ts verify   (reads EVENT_STORE_URL; default sqlite:data/ledger.sqlite)';

class CliError extends Error {}

/** A path that names no file would be created empty and "verify": refuse it instead. */
function assertStoredLedger(url: string): void {
  if (!url.startsWith('sqlite:')) return;
  const path = url.slice('sqlite:'.length).split('?', 1)[0];
  if (path === ':memory:') throw new CliError('EVENT_STORE_URL names an in-memory store: there is no stored ledger to verify');
  if (!existsSync(path)) throw new CliError(`no ledger at ${path} (EVENT_STORE_URL)`);
}

async function verify(url: string): Promise<number> {
  assertStoredLedger(url);
  const store = await createEventStore(url);
  try {
    const report = verificationReport(await verifyChains(store));
    // The verdict on the chains is the command's output, either way; stderr is for not being able to verify.
    process.stdout.write(`${describeVerification(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
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
