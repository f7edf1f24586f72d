import { pathToFileURL } from 'node:url';

/**
 * Runs a bench when its module is the one node was started with (`node dist/bench/seal.bench.js`),
 * and not when bench/run.ts imports it: a failure prints its stack and exits 1.
 */
export function runWhenMain(moduleUrl: string, run: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
